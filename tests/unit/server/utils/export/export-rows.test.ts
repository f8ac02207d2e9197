import { describe, expect, it } from 'vitest'
import { csvLine } from '../../../../../server/utils/export/export-rows'
import type { RunMetadata } from '#shared/schemas/run'

describe('csvLine', () => {
  it('quotes fields with quotes, commas and line breaks, doubles quotes and ends with CRLF', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3, false, ['a.png', 'b.txt']]))
      .toBe('plain,"a,b","say ""hi""","two\nlines",,3,false,a.png;b.txt\r\n')
  })
})
