import { describe, expect, it } from 'vitest'
import { csvLine, EXPORT_COLUMNS, exportRow } from '../../../../../server/utils/export/export-rows'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
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

describe('exportRow', () => {
  it('has the student’s rules, how often and when they were last changed, and their edit of what the machine is told', () => {
    const run = newRun({ session_id: 'studio', participant_id: 'p', perspective: 'bauhaus', input_text: 'A cat', context: null, rules: 'Only green', language: 'en', safety_level: 'kids', output: null })
    run.prompt_history.push(
      { at: '2026-01-01T10:00:00.000Z', source: 'student', kind: 'rules', text: 'Only red' },
      { at: '2026-01-01T10:05:00.000Z', source: 'student', kind: 'rules', text: 'Only green' },
      { at: '2026-01-01T10:06:00.000Z', source: 'student', kind: 'machine_text', text: 'green cat' },
    )
    run.machine_text = 'green cat'
    const row = exportRow(run, { sessionName: null, participantExportId: null, pseudonym: null, files: [] })
    expect(row).toMatchObject({ rules: 'Only green', rules_edit_count: 2, rules_changed_at: '2026-01-01T10:05:00.000Z', machine_text: 'green cat', prompt_edit_count: 3 })
    expect(EXPORT_COLUMNS.every(column => column in row)).toBe(true)
    const untouched = exportRow(newRun({ session_id: 'studio', participant_id: 'p', perspective: 'bauhaus', input_text: 'A cat', context: null, language: 'en', safety_level: 'kids', output: null }), { sessionName: null, participantExportId: null, pseudonym: null, files: [] })
    expect(untouched).toMatchObject({ rules: null, rules_edit_count: 0, rules_changed_at: null, machine_text: null })
  })
})
