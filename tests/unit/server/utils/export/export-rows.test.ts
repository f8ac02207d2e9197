import { describe, expect, it } from 'vitest'
import { csvLine } from '../../../../../server/utils/export/export-rows'
import type { RunMetadata } from '#shared/schemas/run'

describe('csvLine', () => {
  it('quotes fields with quotes, commas and line breaks, doubles quotes and ends with CRLF', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3, false, ['a.png', 'b.txt']]))
      .toBe('plain,"a,b","say ""hi""","two\nlines",,3,false,a.png;b.txt\r\n')
  })

  it('turns texts that a spreadsheet would run as formulas into plain text with a leading apostrophe', () => {
    expect(csvLine(['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'a=b', -3]))
      .toBe(`"'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),'\tx,"'\rx",a=b,-3\r\n`)
  })
})
