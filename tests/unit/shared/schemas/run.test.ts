import { describe, expect, it } from 'vitest'
import { CreateRunRequest, RUN_SCHEMA_VERSION, RunMetadata } from '#shared/schemas/run'
import { newRun } from '../../../../server/utils/pipeline/new-run'

const fresh = () => newRun({ session_id: 'studio', participant_id: null, perspective: 'bauhaus', input_text: 'Haus', context: null, language: 'de', safety_level: 'kids', output: null })

describe('RunMetadata', () => {
  it('accepts a new run with every stage pending and the current schema version', () => {
    const run = RunMetadata.parse(fresh())
    expect(run.schema_version).toBe(RUN_SCHEMA_VERSION)
    expect(run.stages.map(stage => stage.name)).toEqual(['input_safety', 'personal_data', 'interception', 'interception_safety', 'pre_output', 'generation', 'output_safety'])
    expect(run.stages.every(stage => stage.status === 'pending')).toBe(true)
  })

  it('rejects another schema version, a run id that is not a UUID v4 and an unknown status', () => {
    expect(RunMetadata.safeParse({ ...fresh(), schema_version: 2 }).success).toBe(false)
    expect(RunMetadata.safeParse({ ...fresh(), run_id: '../etc' }).success).toBe(false)
    expect(RunMetadata.safeParse({ ...fresh(), run_id: '3b241101-e2bb-1255-8caf-4136c566a962' }).success).toBe(false)
    expect(RunMetadata.safeParse({ ...fresh(), status: 'executing' }).success).toBe(false)
  })

  it('requires a sha256 for every output', () => {
    const output = { type: 'image', filename: 'output-image.png', mime: 'image/png', bytes: 1, width: 1, height: 1, duration_s: null, sha256: 'abc', provider: 'p', config: 'c', thumbnail: null, created_at: new Date().toISOString() }
    expect(RunMetadata.safeParse({ ...fresh(), outputs: [output] }).success).toBe(false)
    expect(RunMetadata.safeParse({ ...fresh(), outputs: [{ ...output, sha256: 'a'.repeat(64) }] }).success).toBe(true)
  })
})

describe('CreateRunRequest', () => {
  it('trims the idea and refuses it empty or longer than 2,000 characters', () => {
    expect(CreateRunRequest.parse({ perspective: 'bauhaus', input_text: '  Haus  ' }).input_text).toBe('Haus')
    expect(CreateRunRequest.safeParse({ perspective: 'bauhaus', input_text: '   ' }).success).toBe(false)
    expect(CreateRunRequest.safeParse({ perspective: 'bauhaus', input_text: 'x'.repeat(2001) }).success).toBe(false)
  })

  it('refuses fields it does not know, so a typo is not silently ignored', () => {
    expect(CreateRunRequest.safeParse({ perspective: 'bauhaus', input_text: 'Haus', safetylevel: 'adult' }).success).toBe(false)
  })
})
