import { describe, expect, it } from 'vitest'
import { csvRow, exportRow, jsonlRow } from '../../../../../server/utils/export/export-rows'
import { newRun } from '../../../../../server/utils/pipeline/new-run'

const context = { sessionName: 'Class A', participantExportId: 'p1', pseudonym: 'Blue Otter 12', files: ['metadata.json'] }
const run = () => newRun({ session_id: 's1', participant_id: 'secret', perspective: 'bauhaus', input_text: 'A red house', context: null, language: 'en', safety_level: 'youth', output: null })

describe('the research export of the class gallery and reflection', () => {
  it('has empty cells for a run nobody suggested or reflected on', () => {
    expect(exportRow(run(), context)).toMatchObject({ class_gallery_suggested_at: null, class_gallery_published_at: null, reflection_chips: [], reflection_texts: [] })
  })

  it('carries when a run was suggested and published, and every answer as given', () => {
    const reflected = run()
    reflected.class_gallery = { suggested_at: '2026-12-03T08:00:00.000Z', published_at: '2026-12-03T08:05:00.000Z', published_by: 'admin' }
    reflected.reflection = [
      { question_id: 'as_imagined', chip: 'surprise', text: null, answered_at: '2026-12-03T08:01:00.000Z' },
      { question_id: 'change_next', chip: null, text: '=the sky, "green"', answered_at: '2026-12-03T08:02:00.000Z' },
    ]
    const row = exportRow(reflected, context)
    expect(row).toMatchObject({
      class_gallery_suggested_at: '2026-12-03T08:00:00.000Z',
      class_gallery_published_at: '2026-12-03T08:05:00.000Z',
      reflection_chips: ['as_imagined: surprise'],
      reflection_texts: ['change_next: =the sky, "green"'],
    })
    expect(JSON.parse(jsonlRow(row)).reflection_texts).toEqual(['change_next: =the sky, "green"'])
    expect(csvRow(row)).toContain('"change_next: =the sky, ""green"""')
    expect(csvRow(row)).not.toContain('secret')
  })
})
