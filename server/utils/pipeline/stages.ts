import { createHash } from 'node:crypto'
import { blockedMessage } from '#shared/blocked-messages'
import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'
import type { BlockedInfo, OutputRecord, RunError, RunMetadata, StageName } from '#shared/schemas/run'
import { mediumOf } from '../../../media/server-registry'
import type { WaitingReporter } from '../providers/backends/backend-gate'
import type { SafetyProvider, SafetyVerdict } from '../providers/types'
import { outputFileName, thumbnailFileName } from '../storage/run-keys'
import type { PipelineDeps } from './pipeline-deps'
import { runStage, StageFailure, stageRecord } from './stage-runner'
import { internalFailure, providerFailure } from './run-errors'
import { readRunPictures } from './run-pictures'
import { interceptionRulesOf } from './run-rules'

/** Signals a stage is given: `timeout` tells a slow provider apart from a cancel. */
export interface StageSignals {
  signal: AbortSignal
  timeout: AbortSignal
  /** Given to providers: their place in a busy backend's line, null once they start. */
  onWaiting?: WaitingReporter
}

const PROGRESS_WRITE_INTERVAL_MS = 500

function failureFor(stage: StageName, providerId: string, signals: StageSignals) {
  return (error: unknown): RunError => providerFailure(stage, providerId, error, signals.timeout.aborted)
}

/** Ends the run as blocked when the verdict says so; true if it did. */
export async function blockIfUnsafe(deps: PipelineDeps, runId: string, stage: StageName, verdict: SafetyVerdict) {
  if (verdict.safe) return false
  const blocked: BlockedInfo = { stage, reason_code: verdict.reason_code, message: blockedMessage(verdict.reason_code) }
  await deps.runs.update(runId, (run) => {
    run.status = 'blocked'
    run.blocked = blocked
    Object.assign(stageRecord(run.stages, stage), { status: 'blocked', detail: { reason_code: verdict.reason_code, matched: verdict.matched } })
  })
  return true
}

/** Stage 1: the idea (and the student's own rules) checked at the run's safety level. */
export async function inputSafetyStage(deps: PipelineDeps, run: RunMetadata, signals: StageSignals): Promise<boolean> {
  const provider = deps.providers.inputSafety
  const text = [run.input_text, run.context, run.rules, run.lyrics].filter(Boolean).join('\n')
  const verdict = await runStage(deps.runs, run.run_id, 'input_safety', provider,
    // A picture without words: nothing to read (the picture was checked when it was uploaded).
    async () => !text.trim() ? { safe: true as const } : provider.check({ text, level: run.safety_level, language: run.language, signal: signals.signal, onWaiting: signals.onWaiting }),
    failureFor('input_safety', provider.id, signals),
    result => ({ safe: result.safe }))
  return !(await blockIfUnsafe(deps, run.run_id, 'input_safety', verdict))
}

/**
 * Stage 2: the idea transformed by the perspective's instruction. The text is returned, not stored:
 * interception_safety stores it once it passed (interception-safety-stage.ts).
 */
export async function interceptionStage(deps: PipelineDeps, run: RunMetadata, perspective: Perspective, signals: StageSignals, acceptable?: (text: string) => Promise<boolean>): Promise<string> {
  const provider = deps.providers.interception
  const { text } = await runStage(deps.runs, run.run_id, 'interception', provider,
    () => provider.intercept({ text: run.input_text, pictures: run.input_images.length, perspective, language: run.language, ...interceptionRulesOf(run, perspective), seed: run.seed, signal: signals.signal, onWaiting: signals.onWaiting, acceptable }),
    failureFor('interception', provider.id, signals))
  return text
}

/** Stage 3: the text that will really be generated, in English where the output needs it, checked again. */
export async function preOutputStage(deps: PipelineDeps, run: RunMetadata, output: OutputConfig, signals: StageSignals): Promise<boolean> {
  const { translation, preOutputSafety: safety } = deps.providers
  const text = run.interception_text ?? run.input_text
  // The student's own edit of what the machine is told is generated from as written: checked, never translated again.
  const machineText = run.machine_text || null
  const translate = !machineText && output.needs_english && run.language !== 'en'
  const identity = translate
    ? { id: `${translation.id}+${safety.id}`, model: `${translation.model}+${safety.model}` }
    : safety
  const checked = await runStage(deps.runs, run.run_id, 'pre_output', identity, async () => {
    const prompt = machineText ?? (translate ? (await translation.toEnglish({ text, language: run.language, signal: signals.signal, onWaiting: signals.onWaiting })).text : text)
    const promptVerdict = await checkMachineText(safety, { text: prompt, run, english: translate || (machineText !== null && output.needs_english), studentEdit: machineText !== null, signals })
    // A song's lyrics are sung (and shown) in the child's language: checked as they are, never translated.
    const lyrics = output.music ? run.lyrics : null
    const verdict = promptVerdict.safe && lyrics
      ? await safety.check({ text: lyrics, level: run.safety_level, language: run.language, signal: signals.signal, onWaiting: signals.onWaiting })
      : promptVerdict
    return { prompt, lyrics, verdict }
  }, failureFor('pre_output', identity.id, signals), result => ({ translated: translate, ...(machineText ? { student_machine_text: true } : {}), prompt: result.prompt, ...(result.lyrics ? { lyrics: result.lyrics } : {}), safe: result.verdict.safe }))
  await deps.runs.update(run.run_id, (latest) => {
    latest.generation_prompt = checked.prompt
    // The words that will be sung: where the session redacts personal data, with its placeholders.
    if (checked.lyrics) latest.lyrics = checked.lyrics
  })
  return !(await blockIfUnsafe(deps, run.run_id, 'pre_output', checked.verdict))
}

/**
 * The text a generator receives, checked at the run's level. A student's edit of an English text
 * is also checked in the child's language: the child may have typed their own words into it.
 */
export async function checkMachineText(
  safety: SafetyProvider,
  { text, run, english, studentEdit, signals }: { text: string, run: Pick<RunMetadata, 'safety_level' | 'language'>, english: boolean, studentEdit: boolean, signals: Partial<StageSignals> },
): Promise<SafetyVerdict> {
  const languages = english && studentEdit && run.language !== 'en' ? (['en', run.language] as const) : ([english ? 'en' : run.language] as const)
  for (const language of languages) {
    const verdict = await safety.check({ text, level: run.safety_level, language, signal: signals.signal, onWaiting: signals.onWaiting })
    if (!verdict.safe) return verdict
  }
  return { safe: true }
}

/**
 * Stage 4: media from the prompt, stored with its thumbnail. Its output record is returned, not
 * yet added to the run: only output_safety releases it to the student (output-safety-stage.ts).
 */
export async function generationStage(deps: PipelineDeps, run: RunMetadata, perspective: Perspective, output: OutputConfig, signals: StageSignals): Promise<OutputRecord> {
  const provider = deps.providers.generators.get(output.provider)
  if (!provider) throw new StageFailure(internalFailure('generation', `Output ${output.id} names provider ${output.provider}, which is not configured`))
  let lastProgressWrite = 0
  const onProgress = (progress: { value: number, max: number }) => {
    if (Date.now() - lastProgressWrite < PROGRESS_WRITE_INTERVAL_MS) return
    lastProgressWrite = Date.now()
    deps.runs.update(run.run_id, (latest) => {
      if (latest.status === 'running' && latest.stage === 'generation') latest.progress = progress
    }).catch(() => { /* progress is a courtesy; the stage result is what counts */ })
  }
  // One backend serves several outputs: the stage records the output's own model.
  const identity = { id: provider.id, model: output.model ?? provider.model }
  const record = await runStage(deps.runs, run.run_id, 'generation', identity, async () => {
    // From the run's own folder: the uploads they came from may be gone by now.
    const pictures = run.input_images.length ? await readRunPictures(deps.runs, run) : undefined
    const media = await provider.generate({
      prompt: run.generation_prompt ?? run.interception_text ?? run.input_text, seed: run.seed, perspective, output, language: run.language,
      ...(pictures ? { pictures } : {}),
      ...(output.music ? { music: { lyrics: run.lyrics ?? '', tags: run.tags } } : {}),
      onProgress, signal: signals.signal, onWaiting: signals.onWaiting,
    })
    const filename = outputFileName(output.media_type, media.extension)
    await deps.runs.putMedia(run.run_id, filename, media.data, media.mime)
    const medium = mediumOf(output.media_type)
    const [thumbnail, probe] = await Promise.all([medium.thumbnail(media), medium.probe(media)])
    const thumbnailName = thumbnail ? thumbnailFileName(output.media_type) : null
    if (thumbnail && thumbnailName) await deps.runs.putMedia(run.run_id, thumbnailName, thumbnail.data, 'image/webp')
    const outputRecord: OutputRecord = {
      type: output.media_type, filename, mime: media.mime, bytes: media.data.length,
      width: probe.width, height: probe.height, duration_s: probe.duration_s, ...(probe.details && { details: probe.details }),
      sha256: createHash('sha256').update(media.data).digest('hex'),
      provider: provider.id, config: output.id, thumbnail: thumbnailName, created_at: new Date().toISOString(),
    }
    return outputRecord
  }, failureFor('generation', provider.id, signals), result => ({ filename: result.filename, bytes: result.bytes, ...(run.input_images.length ? { pictures: run.input_images.length } : {}) }))
  await deps.runs.update(run.run_id, (latest) => {
    latest.progress = null
    latest.waiting_position = null
  })
  return record
}
