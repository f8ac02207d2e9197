import { describe, expect, it } from 'vitest'
import type { SafetyLevel } from '#shared/schemas/common'
import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import type { PersonalDataRule } from '#shared/schemas/personal-data'
import { Catalog } from '../../../../../server/utils/catalog/catalog'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
import type { PipelineDeps } from '../../../../../server/utils/pipeline/pipeline-deps'
import { createRunJobHandler } from '../../../../../server/utils/pipeline/run-job-handler'
import type { ProviderRegistry } from '../../../../../server/utils/providers/registry'
import type { GenerationInput, SafetyProvider } from '../../../../../server/utils/providers/types'
import { PersonalDataDetector } from '../../../../../server/utils/safety/personal-data/personal-data-detector'
import { tempRunStore } from '../../../../support/run-store'
import { passingImageCheck } from '../../../../support/pipeline-doubles'

const perspective = Perspective.parse({
  id: 'echo', name: { de: 'Echo', en: 'Echo' }, description: { de: 'Echo', en: 'Echo' }, category: 'attitude',
  icon: '📣', colour: '#ffcc00', instruction: { de: 'Wiederhole.', en: 'Repeat.' }, minimum_age: 0, default_output: 'image',
})
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')
const detector = new PersonalDataDetector([
  { id: 'first', kind: 'first_names', entries: ['Lisa'] },
  { id: 'last', kind: 'surnames', entries: ['Müller'] },
  { id: 'famous', kind: 'famous', entries: ['Mona Lisa'] },
])

/** Every text a provider receives, by provider id: the fakes stand for backends outside the building unless named builtin_. */
function setup({ interception = 'outside_llm', generator = 'outside_gpu' } = {}) {
  const { runs } = tempRunStore()
  const received: Record<string, string[]> = {}
  const note = (id: string, text: string) => { (received[id] ??= []).push(text) }
  const safety: SafetyProvider = { id: 'builtin_safety', model: 'm', check: async () => ({ safe: true }) }
  const providers: ProviderRegistry = {
    inputSafety: safety,
    preOutputSafety: safety,
    interception: { id: interception, model: 'm', intercept: async ({ text }) => { note(interception, text); return { text: `${text}!` } } },
    translation: { id: 'builtin_translation', model: 'm', toEnglish: async ({ text }) => ({ text }) },
    generators: new Map([[generator, { id: generator, model: 'm', mediaType: 'image' as const, generate: async ({ prompt }: GenerationInput) => {
      note(generator, prompt)
      return { data: ONE_PIXEL_PNG, mime: 'image/png', extension: 'png', width: 1, height: 1, duration_s: null }
    } }]]),
    imageSafety: null,
  }
  const output = OutputConfig.parse({ id: 'picture', name: { de: 'Bild', en: 'Picture' }, media_type: 'image', provider: generator, default: true })
  const deps: PipelineDeps = { runs, catalog: new Catalog([perspective], [output], []), providers, personalData: detector, imageCheck: passingImageCheck, instanceId: 'test', runTimeoutMs: 5_000, maxRunAttempts: 2 }
  const run = async (text: string, level: SafetyLevel, rule: PersonalDataRule = 'block') => {
    const created = newRun({ session_id: 'studio', participant_id: null, perspective: 'echo', input_text: text, context: null, language: 'de', safety_level: level, personal_data: rule, output: 'picture' })
    await runs.create(created)
    await createRunJobHandler(deps)({ runId: created.run_id, kind: 'prepare' }, new AbortController().signal)
    return (await runs.get(created.run_id))!
  }
  return { run, received }
}

describe('personal data stage', () => {
  it('blocks a kids run whose idea would leave the building, with the child message, and sends nothing out', async () => {
    const { run, received } = setup()
    const result = await run('Lisa Müller auf einem Pferd', 'kids')
    expect(result).toMatchObject({ status: 'blocked', blocked: { stage: 'personal_data', reason_code: 'personal_data' } })
    expect(result.blocked!.message.en).toContain('Real names')
    expect(received).toEqual({})
  })

  it('blocks an adult run by default and redacts when its session says so', async () => {
    const blocked = setup()
    expect((await blocked.run('Lisa Müller auf einem Pferd', 'adult')).status).toBe('blocked')
    const { run, received } = setup()
    const result = await run('Lisa Müller auf einem Pferd', 'adult', 'redact')
    expect(result.status).toBe('completed')
    expect(received).toEqual({ outside_llm: ['[Name] auf einem Pferd'], outside_gpu: ['[Name] auf einem Pferd!'] })
    expect(result.input_text).toBe('Lisa Müller auf einem Pferd')
    expect(result.stages.find(stage => stage.name === 'personal_data')!.detail).toMatchObject({ idea: { action: 'redacted', found: [{ kind: 'name', text: 'Lisa Müller' }] } })
  })

  it('a youth run is blocked even when its rule says redact', async () => {
    const { run, received } = setup()
    expect((await run('Lisa auf einem Pferd', 'youth', 'redact')).status).toBe('blocked')
    expect(received).toEqual({})
  })

  it('records but does not block a built-in-only run', async () => {
    const { run } = setup({ interception: 'builtin_interception', generator: 'builtin_image' })
    const result = await run('Lisa auf einem Pferd', 'kids')
    expect(result.status).toBe('completed')
    const record = result.stages.find(stage => stage.name === 'personal_data')!
    expect(record).toMatchObject({ status: 'done', provider: 'builtin_personal_data' })
    expect(record.detail).toMatchObject({ idea: { action: 'kept_inside', outside_providers: [] }, prompt: { action: 'kept_inside' } })
  })

  it('checks the text to generate again: a built-in interception, then an outside generator, blocks at the prompt', async () => {
    const { run, received } = setup({ interception: 'builtin_interception' })
    const result = await run('Lisa auf einem Pferd', 'kids')
    expect(result).toMatchObject({ status: 'blocked', blocked: { stage: 'personal_data' } })
    expect(result.stages.find(stage => stage.name === 'personal_data')!.detail).toMatchObject({ idea: { action: 'kept_inside' }, prompt: { action: 'blocked', outside_providers: ['outside_gpu'] } })
    expect(received).toEqual({ builtin_interception: ['Lisa auf einem Pferd'] })
  })

  it('lets famous art subjects through to an outside backend', async () => {
    const { run, received } = setup()
    const result = await run('Die Mona Lisa auf einem Pferd', 'kids')
    expect(result.status).toBe('completed')
    expect(received.outside_gpu).toEqual(['Die Mona Lisa auf einem Pferd!'])
    expect(result.stages.find(stage => stage.name === 'personal_data')!.detail).toMatchObject({ idea: { action: 'none', famous: ['Mona Lisa'] } })
  })
})
