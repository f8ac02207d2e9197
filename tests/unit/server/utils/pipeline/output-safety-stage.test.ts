import { describe, expect, it } from 'vitest'
import type { SafetyLevel } from '#shared/schemas/common'
import { type OutputRecord, RunMetadata } from '#shared/schemas/run'
import { Catalog } from '../../../../../server/utils/catalog/catalog'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
import { outputSafetyStage } from '../../../../../server/utils/pipeline/output-safety-stage'
import type { PipelineDeps } from '../../../../../server/utils/pipeline/pipeline-deps'
import type { ProviderRegistry } from '../../../../../server/utils/providers/registry'
import type { ImageClassifier } from '../../../../../server/utils/safety/image-check/image-classifier'
import { tempRunStore } from '../../../../support/run-store'
import { withoutNameLists } from '../../../../support/pipeline-doubles'

const thresholds = { kids: { porn: 0.2 }, youth: { porn: 0.5 }, adult: null, research: null }
const signals = () => ({ signal: new AbortController().signal, timeout: new AbortController().signal })

async function generated(classifier: ImageClassifier, level: SafetyLevel = 'kids', type: OutputRecord['type'] = 'image') {
  const { runs } = tempRunStore()
  const deps: PipelineDeps = {
    runs, catalog: new Catalog([], [], []), providers: {} as ProviderRegistry, imageCheck: { classifiers: [classifier], thresholds }, personalData: withoutNameLists(),
    instanceId: 'test', runTimeoutMs: 5_000, maxRunAttempts: 2,
  }
  const run = newRun({ session_id: 'studio', participant_id: null, perspective: 'p', input_text: 'ein Haus', context: null, language: 'de', safety_level: level, output: 'fake' })
  await runs.create(run)
  const filename = type === 'image' ? 'output-image.png' : 'output-audio.wav'
  await runs.putMedia(run.run_id, filename, Buffer.from('stored bytes'), 'application/octet-stream')
  const output: OutputRecord = {
    type, filename, mime: 'image/png', bytes: 12, width: 1, height: 1, duration_s: null, sha256: '0'.repeat(64),
    provider: 'fake', config: 'fake', thumbnail: type === 'image' ? 'thumbnail-image.webp' : null, created_at: new Date().toISOString(),
  }
  await outputSafetyStage(deps, (await runs.get(run.run_id))!, output, signals())
  const stored = RunMetadata.parse(await runs.get(run.run_id))
  return { run: stored, stage: stored.stages.find(stage => stage.name === 'output_safety')! }
}

const scoring = (porn: number): ImageClassifier => ({ id: 'double', model: 'm1', scores: async bytes => ({ porn, bytes: bytes.toString() === 'stored bytes' ? 1 : 0 }) })

describe('output_safety stage', () => {
  it('releases a passed picture and records provider, model, scores and duration', async () => {
    const { run, stage } = await generated(scoring(0.1))
    expect(run.status).toBe('completed')
    expect(run.outputs.map(output => output.filename)).toEqual(['output-image.png'])
    expect(stage).toMatchObject({ status: 'done', provider: 'double', model: 'm1', detail: { outcome: 'passed', classifiers: [{ provider: 'double', scores: { porn: 0.1, bytes: 1 } }] } })
    expect(stage.duration_ms).toBeGreaterThanOrEqual(0)
  })

  it('ends a kids run blocked with a child message and keeps the picture out of its outputs', async () => {
    const { run, stage } = await generated(scoring(0.3))
    expect(run).toMatchObject({ status: 'blocked', outputs: [], blocked: { stage: 'output_safety', reason_code: 'image_unsafe' } })
    expect(run.blocked!.message.de).toMatch(/Bild/)
    expect(stage).toMatchObject({ status: 'blocked', error: null, detail: { outcome: 'blocked', withheld: ['output-image.png', 'thumbnail-image.webp'] } })
  })

  it('withholds the picture when the classifier cannot run, and tells the leader why', async () => {
    const { run, stage } = await generated({ id: 'nsfwjs', model: 'mobilenet_v2', scores: async () => { throw new Error('no model') } }, 'youth')
    expect(run).toMatchObject({ status: 'blocked', outputs: [], blocked: { reason_code: 'safety_unavailable' } })
    expect(stage).toMatchObject({ status: 'blocked', error: 'picture withheld: the check could not run: nsfwjs (mobilenet_v2): no model' })
  })

  it('records a skip at a level without limits and for audio, and releases the output', async () => {
    const never: ImageClassifier = { id: 'never', model: 'm', scores: async () => { throw new Error('must not be asked') } }
    for (const [level, type, reason] of [['adult', 'image', /not checked at the adult level/], ['kids', 'audio', /audio is not a picture/]] as const) {
      const { run, stage } = await generated(never, level, type)
      expect(run.status).toBe('completed')
      expect(run.outputs).toHaveLength(1)
      expect(stage).toMatchObject({ status: 'skipped', provider: null })
      expect(stage.detail!.reason).toMatch(reason)
    }
  })
})
