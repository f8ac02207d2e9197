import { describe, expect, it } from 'vitest'
import { csvLine } from '../../../../../server/utils/export/export-rows'
import { runMatcher } from '../../../../../server/utils/export/run-filter'
import type { RunMetadata } from '#shared/schemas/run'

describe('csvLine', () => {
  it('quotes fields with quotes, commas and line breaks, doubles quotes and ends with CRLF', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3, false, ['a.png', 'b.txt']]))
      .toBe('plain,"a,b","say ""hi""","two\nlines",,3,false,a.png;b.txt\r\n')
  })
})

describe('runMatcher', () => {
  const run = { created_at: '2025-03-04T15:00:00.000Z', session_id: 'studio', perspective: 'bauhaus', status: 'completed', safety_level: 'kids', input_text: 'Ein Baumhaus', interception_text: 'Bauhaus tree HOUSE' } as RunMetadata

  it('includes the whole day of a date-only `to`', () => {
    expect(runMatcher({ to: '2025-03-04' })(run)).toBe(true)
    expect(runMatcher({ to: '2025-03-03' })(run)).toBe(false)
    expect(runMatcher({ from: '2025-03-04T15:00:00.001Z' })(run)).toBe(false)
  })

  it('searches idea and interception case-insensitively and treats a missing hidden flag as not hidden', () => {
    expect(runMatcher({ q: 'tree house' })(run)).toBe(true)
    expect(runMatcher({ q: 'baumhaus', hidden: false })(run)).toBe(true)
    expect(runMatcher({ hidden: true })(run)).toBe(false)
    expect(runMatcher({ status: 'blocked' })(run)).toBe(false)
  })
})
