import { buffer } from 'node:stream/consumers'
import { blockedMessage } from '#shared/blocked-messages'
import type { OutputRecord, RunMetadata } from '#shared/schemas/run'
import { mediumOf } from '../../../media/server-registry'
import { checkPictures, type ImageVerdict } from '../safety/image-check/check-image'
import type { PipelineDeps } from './pipeline-deps'
import { providerFailure } from './run-errors'
import { runStage, stageRecord } from './stage-runner'
import { blockIfUnsafe, type StageSignals } from './stages'

/**
 * Stage 5: the stored media is checked before anyone but a leader can reach it. Only a passed (or,
 * where the level or medium is not checked, skipped) output is added to `run.outputs`, which is what
 * students are served (released-media.ts). A withheld picture stays in the run folder for leaders
 * and research; the run ends blocked with a child message, and the stage says why.
 */
export async function outputSafetyStage(deps: PipelineDeps, run: RunMetadata, output: OutputRecord, signals: StageSignals): Promise<void> {
  const check = deps.imageCheck
  const medium = mediumOf(output.type)
  if (medium.wordsToCheck && !(await wordsPass(deps, run, output, medium.wordsToCheck, signals))) return
  if (!medium.picturesToCheck) return skip(deps, run.run_id, output, `${output.type} is not a picture; only pictures are checked`)
  if (!check.thresholds[run.safety_level]) return skip(deps, run.run_id, output, `pictures are not checked at the ${run.safety_level} level (image_check/thresholds.json)`)

  const identity = { id: check.classifiers.map(classifier => classifier.id).join('+') || 'none', model: check.classifiers.map(classifier => classifier.model).join('+') || 'none' }
  const verdict = await runStage(deps.runs, run.run_id, 'output_safety', identity, async () => {
    const read = async (file: string) => {
      const stored = await deps.runs.readFile(run.run_id, file)
      return Buffer.isBuffer(stored) ? stored : buffer(stored)
    }
    const pictures = await medium.picturesToCheck!({ data: await read(output.filename), thumbnail: async () => (output.thumbnail ? read(output.thumbnail) : null) }, signals.signal)
    return checkPictures(pictures, run.safety_level, check, signals.signal)
  }, error => providerFailure('output_safety', identity.id, error, signals.timeout.aborted), describe)
  // A cancel or shutdown during the check is not a verdict on the picture.
  signals.signal.throwIfAborted()
  if (verdict.outcome === 'passed' || verdict.outcome === 'skipped') return release(deps, run.run_id, output)
  if (verdict.outcome === 'unavailable') console.warn(`[image-check] run ${run.run_id}: picture withheld, the check could not run: ${verdict.error}`)
  await deps.runs.update(run.run_id, (latest) => {
    latest.status = 'blocked'
    latest.blocked = { stage: 'output_safety', reason_code: verdict.reason_code, message: blockedMessage(verdict.reason_code) }
    const stage = stageRecord(latest.stages, 'output_safety')
    stage.status = 'blocked'
    stage.error = verdict.outcome === 'unavailable' ? `picture withheld: the check could not run: ${verdict.error}` : null
    stage.detail = { ...stage.detail, withheld: [output.filename, output.thumbnail].filter(Boolean) }
  })
}

/**
 * The words a child reads in the output (a sketch's comments and strings) pass the text check of
 * the run's level first; false when they did not and the run is blocked. Its picture, if the medium
 * has one, is checked after.
 */
async function wordsPass(deps: PipelineDeps, run: RunMetadata, output: OutputRecord, wordsOf: (data: Buffer) => string, signals: StageSignals): Promise<boolean> {
  const safety = deps.providers.preOutputSafety
  const verdict = await runStage(deps.runs, run.run_id, 'output_safety', safety, async () => {
    const stored = await deps.runs.readFile(run.run_id, output.filename)
    const words = wordsOf(Buffer.isBuffer(stored) ? stored : await buffer(stored))
    return words.trim() ? safety.check({ text: words, level: run.safety_level, language: run.language, signal: signals.signal }) : { safe: true as const }
  }, error => providerFailure('output_safety', safety.id, error, signals.timeout.aborted), result => ({ words: result.safe ? 'passed' : 'blocked' }))
  signals.signal.throwIfAborted()
  return !(await blockIfUnsafe(deps, run.run_id, 'output_safety', verdict))
}

function describe(verdict: ImageVerdict): Record<string, unknown> {
  return {
    outcome: verdict.outcome,
    ...(verdict.outcome === 'blocked' || verdict.outcome === 'unavailable' ? { reason_code: verdict.reason_code } : {}),
    classifiers: verdict.reports,
  }
}

async function skip(deps: PipelineDeps, runId: string, output: OutputRecord, reason: string) {
  const now = new Date().toISOString()
  await deps.runs.update(runId, (latest) => {
    latest.stage = 'output_safety'
    Object.assign(stageRecord(latest.stages, 'output_safety'), {
      status: 'skipped', provider: null, model: null, started_at: now, finished_at: now, duration_ms: 0, error: null, detail: { reason },
    })
  })
  await release(deps, runId, output)
}

async function release(deps: PipelineDeps, runId: string, output: OutputRecord) {
  await deps.runs.update(runId, (latest) => {
    latest.outputs = [...latest.outputs.filter(existing => existing.filename !== output.filename), output]
    latest.status = 'completed'
  })
}
