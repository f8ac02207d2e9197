import { describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import { RunMetadata } from '#shared/schemas/run'
import { Catalog } from '../../../../../server/utils/catalog/catalog'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
import type { PipelineDeps } from '../../../../../server/utils/pipeline/pipeline-deps'
import { createRunJobHandler, pendingJobKind } from '../../../../../server/utils/pipeline/run-job-handler'
import { PersonalDataDetector } from '../../../../../server/utils/safety/personal-data/personal-data-detector'
import type { ProviderRegistry } from '../../../../../server/utils/providers/registry'
import { passingImageCheck } from '../../../../support/pipeline-doubles'
import type { GenerationProvider, SafetyProvider } from '../../../../../server/utils/providers/types'
import { failWritesOf, tempRunStore } from '../../../../support/run-store'

const perspective = Perspective.parse({
  id: 'shout', name: { de: 'Laut', en: 'Loud' }, description: { de: 'Laut', en: 'Loud' }, category: 'attitude',
  icon: '📣', colour: '#ffcc00', instruction: { de: 'Schreie.', en: 'Shout.' }, minimum_age: 0, default_output: 'image',
})
const output = OutputConfig.parse({ id: 'fake_image', name: { de: 'Bild', en: 'Image' }, media_type: 'image', provider: 'fake_image', default: true })
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

const safe: SafetyProvider = { id: 'fake_safety', model: 'm', check: async ({ text }) => (text.includes('BAD') ? { safe: false, reason_code: 'violence', matched: ['bad'] } : { safe: true }) }

function generator(generate: GenerationProvider['generate']): GenerationProvider {
  return { id: 'fake_image', model: 'm', mediaType: 'image', generate }
}

/** Never finishes by itself: only its signal ends it. */
const hangingGenerator = generator(({ signal }) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))))

const pngGenerator = generator(async () => ({ data: ONE_PIXEL_PNG, mime: 'image/png', extension: 'png', width: 1, height: 1, duration_s: null }))

function setup(generation: GenerationProvider = pngGenerator, overrides: Partial<PipelineDeps> = {}) {
  const { runs, storage } = tempRunStore()
  const providers: ProviderRegistry = {
    inputSafety: safe,
    preOutputSafety: safe,
    interception: { id: 'fake_interception', model: 'm', intercept: async ({ text }) => ({ text: text.toUpperCase() }) },
    translation: { id: 'fake_translation', model: 'm', toEnglish: async ({ text }) => ({ text: `EN ${text}` }) },
    generators: new Map([[generation.id, generation]]),
    imageSafety: null,
  }
  const deps: PipelineDeps = { runs, catalog: new Catalog([perspective], [output], []), providers, personalData: new PersonalDataDetector([{ id: 'names', kind: 'first_names', entries: ['Lisa'] }]), imageCheck: passingImageCheck, instanceId: 'test', runTimeoutMs: 5_000, maxRunAttempts: 2, ...overrides }
  return { runs, storage, deps, handle: createRunJobHandler(deps) }
}

async function stored(deps: PipelineDeps, text: string, withOutput = true) {
  const run = newRun({ session_id: 'studio', participant_id: null, perspective: 'shout', input_text: text, context: null, language: 'de', safety_level: 'youth', output: withOutput ? 'fake_image' : null })
  await deps.runs.create(run)
  return run.run_id
}

describe('run job handler', () => {
  it('runs every stage for a run that names its output and records each one', async () => {
    const { deps, handle, runs } = setup()
    const id = await stored(deps, 'ein Haus')
    expect(await handle({ runId: id, kind: 'prepare' }, new AbortController().signal)).toBe('done')
    const run = RunMetadata.parse(await runs.get(id))
    expect(run.status).toBe('completed')
    expect(run.interception_text).toBe('EIN HAUS')
    expect(run.generation_prompt).toBe('EN EIN HAUS')
    expect(run.stages.map(stage => [stage.name, stage.status, stage.provider])).toEqual([
      ['input_safety', 'done', 'fake_safety'],
      ['personal_data', 'done', 'builtin_personal_data'],
      ['interception', 'done', 'fake_interception'],
      ['interception_safety', 'done', 'fake_safety'],
      ['pre_output', 'done', 'fake_translation+fake_safety'],
      ['generation', 'done', 'fake_image'],
      ['output_safety', 'done', 'fake_classifier'],
    ])
    for (const stage of run.stages.filter(stage => stage.status === 'done')) expect(stage.duration_ms).toBeGreaterThanOrEqual(0)
    expect(run.outputs).toHaveLength(1)
    expect(run.outputs[0]).toMatchObject({ filename: 'output-image.png', thumbnail: 'thumbnail-image.webp', bytes: ONE_PIXEL_PNG.length })
    expect(await runs.listFiles(id)).toEqual(['input.txt', 'interception.txt', 'metadata.json', 'output-image.png', 'prompt-history.json', 'thumbnail-image.webp'])
  })

  it('stops at awaiting_output when no output was chosen', async () => {
    const { deps, handle, runs } = setup()
    const id = await stored(deps, 'ein Haus', false)
    await handle({ runId: id, kind: 'prepare' }, new AbortController().signal)
    const run = await runs.get(id)
    expect(run).toMatchObject({ status: 'awaiting_output', attempts: 0, outputs: [] })
    expect(pendingJobKind(run!)).toBeNull()
  })

  it('blocks at input safety and generates nothing', async () => {
    const { deps, handle, runs } = setup()
    const id = await stored(deps, 'something BAD')
    await handle({ runId: id, kind: 'prepare' }, new AbortController().signal)
    const run = await runs.get(id)
    expect(run).toMatchObject({ status: 'blocked', blocked: { stage: 'input_safety', reason_code: 'violence' } })
    expect(run!.blocked!.message.de).not.toContain('violence')
    // The fake safety provider is outside the building, so the personal data check came first.
    expect(run!.stages.map(stage => stage.status)).toEqual(['blocked', 'done', 'pending', 'pending', 'pending', 'pending', 'pending'])
    expect(await runs.listFiles(id)).toEqual(['input.txt', 'metadata.json'])
  })

  it('fails a run whose generator throws with a retryable error for the child and the cause for the leader', async () => {
    const { deps, handle, runs } = setup(generator(async () => { throw new Error('GPU on fire') }))
    const id = await stored(deps, 'ein Haus')
    expect(await handle({ runId: id, kind: 'prepare' }, new AbortController().signal)).toBe('failed')
    const run = await runs.get(id)
    expect(run!.status).toBe('failed')
    expect(run!.error).toMatchObject({ stage: 'generation', code: 'provider_error', retryable: true })
    expect(run!.error!.message).toContain('GPU on fire')
    expect(run!.error!.child_message.en).toMatch(/busy/)
    expect(run!.stages.find(stage => stage.name === 'generation')).toMatchObject({ status: 'failed', error: expect.stringContaining('GPU on fire') })
  })

  it('fails with a timeout when the generator is slower than the run timeout', async () => {
    const { deps, handle, runs } = setup(hangingGenerator, { runTimeoutMs: 1_500 })
    const id = await stored(deps, 'ein Haus')
    expect(await handle({ runId: id, kind: 'prepare' }, new AbortController().signal)).toBe('failed')
    expect((await runs.get(id))!.error).toMatchObject({ code: 'timeout', stage: 'generation' })
  })

  async function hangInGeneration() {
    const controller = new AbortController()
    const { deps, handle, runs } = setup(hangingGenerator)
    const id = await stored(deps, 'ein Haus')
    const outcome = handle({ runId: id, kind: 'prepare' }, controller.signal)
    await expect.poll(async () => (await runs.get(id))!.stage).toBe('generation')
    return { controller, runs, id, outcome }
  }

  it('ends cancelled when a cancel aborts the job mid-generation', async () => {
    const { controller, runs, id, outcome } = await hangInGeneration()
    await runs.update(id, (run) => { run.cancel_requested = true })
    controller.abort(new Error('cancelled'))
    expect(await outcome).toBe('cancelled')
    expect((await runs.get(id))!.status).toBe('cancelled')
  })

  it('hands the run back untouched when the queue shuts down, so a restart picks it up', async () => {
    const { controller, runs, id, outcome } = await hangInGeneration()
    controller.abort(new Error('shutting down'))
    expect(await outcome).toBe('skipped')
    const run = await runs.get(id)
    expect(run!.status).toBe('running')
    expect(pendingJobKind(run!)).toBe('generate')
    expect(await runs.activeRunIds()).toEqual([id])
  })

  it('fails a run that was started too often instead of trying forever', async () => {
    const { deps, handle, runs } = setup()
    const id = await stored(deps, 'ein Haus')
    await runs.update(id, (run) => { run.attempts = 2; run.status = 'running' })
    expect(await handle({ runId: id, kind: 'prepare' }, new AbortController().signal)).toBe('failed')
    expect((await runs.get(id))!.error).toMatchObject({ code: 'interrupted', retryable: true })
  })
  it('records its place while a busy backend makes it wait, and does not count that time against its limit', async () => {
    let seen: number | null | undefined
    let runsRef: PipelineDeps['runs'] | null = null
    let idRef = ''
    const waitingGenerator = generator(async ({ onWaiting }) => {
      onWaiting?.(3)
      await new Promise(resolve => setTimeout(resolve, 700))
      seen = (await runsRef!.get(idRef))!.waiting_position
      onWaiting?.(null)
      return { data: ONE_PIXEL_PNG, mime: 'image/png', extension: 'png', width: 1, height: 1, duration_s: null }
    })
    // A 500 ms limit: the 700 ms spent in line must not count.
    const { deps, handle, runs } = setup(waitingGenerator, { runTimeoutMs: 500 })
    runsRef = runs
    idRef = await stored(deps, 'ein Haus')
    expect(await handle({ runId: idRef, kind: 'prepare' }, new AbortController().signal)).toBe('done')
    expect(seen).toBe(3)
    expect(await runs.get(idRef)).toMatchObject({ status: 'completed', waiting_position: null })
  })

  it('tries writing the failure again when the disk is full for a moment, so the run is never left running', async () => {
    let failingWrites = 0
    const { deps, handle, runs, storage } = setup(generator(async () => {
      failingWrites = 2
      throw new Error('GPU on fire')
    }))
    failWritesOf(storage, key => key.endsWith('metadata.json') && failingWrites-- > 0)
    const id = await stored(deps, 'ein Haus')
    expect(await handle({ runId: id, kind: 'prepare' }, new AbortController().signal)).toBe('failed')
    expect((await runs.get(id))!.status).toBe('failed')
  })
})
