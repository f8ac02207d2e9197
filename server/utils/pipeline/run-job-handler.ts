import { isFinalStatus, type RunMetadata } from '#shared/schemas/run'
import type { RunJob, RunJobHandler, RunJobOutcome } from '../queue/run-queue'
import type { WaitingReporter } from '../providers/backends/backend-gate'
import type { PipelineDeps } from './pipeline-deps'
import { RunDeadline } from './run-deadline'
import { internalFailure, interruptedFailure, timeoutFailure } from './run-errors'
import { lyricsStep } from './lyrics-step'
import { InterceptionCheck, interceptionSafetyStage } from './interception-safety-stage'
import { outputSafetyStage } from './output-safety-stage'
import { StageFailure } from './stage-runner'
import { checkIdeaBeforeInputSafety, personalDataStage } from './personal-data-stage'
import { generationStage, inputSafetyStage, interceptionStage, preOutputStage, type StageSignals } from './stages'

/**
 * A `prepare` job runs stages 1–2 and stops at awaiting_output unless the run already names its
 * output; a `generate` job runs stages 3–4 and the check of the media. Every way a job can end is written to the run.
 * `inFlight` holds the runs whose jobs are being handled now, for the watchdog.
 */
export function createRunJobHandler(deps: PipelineDeps, inFlight: Set<string> = new Set()): RunJobHandler {
  return async (job, queueSignal) => {
    inFlight.add(job.runId)
    try {
      return await handle(deps, job, queueSignal)
    }
    finally {
      inFlight.delete(job.runId)
    }
  }
}

async function handle(deps: PipelineDeps, job: RunJob, queueSignal: AbortSignal): Promise<RunJobOutcome> {
  const run = await deps.runs.get(job.runId)
  if (!run || isFinalStatus(run.status)) return 'skipped'
  if (run.cancel_requested) return markCancelled(deps, run.run_id)
  if (run.attempts >= deps.maxRunAttempts) {
    await deps.runs.update(run.run_id, (latest) => {
      latest.status = 'failed'
      latest.error = interruptedFailure(latest.stage, latest.attempts)
    })
    return 'failed'
  }
  const started = await deps.runs.update(run.run_id, (latest) => {
    latest.attempts += 1
    latest.instance_id = deps.instanceId
    latest.status = 'running'
  })
  const deadline = new RunDeadline(deps.runTimeoutMs)
  const timeout = deadline.signal
  const signals: StageSignals = {
    signal: AbortSignal.any([queueSignal, timeout]), timeout,
    onWaiting: waitingReporter(deps, run.run_id, deadline),
  }
  try {
    return await runJob(deps, job, started, signals)
  }
  catch (error) {
    if (queueSignal.aborted) {
      const latest = await deps.runs.get(run.run_id)
      // A shutdown hands the run back: it stays active and is picked up after the restart.
      return latest?.cancel_requested ? markCancelled(deps, run.run_id) : 'skipped'
    }
    const runError = error instanceof StageFailure
      ? error.runError
      : timeout.aborted ? timeoutFailure(run.stage, deps.runTimeoutMs) : internalFailure(null, String(error))
    if (runError.code === 'internal_error') console.error(`[pipeline] run ${run.run_id} failed unexpectedly`, error)
    // The failure itself may not be writable (a full disk): tried again, and the watchdog
    // (run-watchdog.ts) fails the run later if even that does not get through.
    await retryWrite(() => deps.runs.update(run.run_id, (latest) => {
      latest.status = 'failed'
      latest.error = runError
      latest.progress = null
      latest.waiting_position = null
    }))
    return 'failed'
  }
  finally {
    deadline.dispose()
  }
}

const WRITE_TRIES = 3
const WRITE_PAUSE_MS = 500

/** A run's last write tried a few times, half a second apart: a full disk often frees up as other runs end. */
export async function retryWrite<T>(write: () => Promise<T>, tries = WRITE_TRIES, pauseMs = WRITE_PAUSE_MS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write()
    }
    catch (error) {
      if (attempt >= tries) throw error
      await new Promise(resolve => setTimeout(resolve, pauseMs))
    }
  }
}

/**
 * A stage's provider reports its place in a busy backend's line: the run records it for the
 * student's page, and its time limit stops while it waits.
 */
function waitingReporter(deps: PipelineDeps, runId: string, deadline: RunDeadline): WaitingReporter {
  let written: number | null = null
  return (position) => {
    if (position === null) deadline.resume()
    else deadline.pause()
    if (position === written) return
    written = position
    deps.runs.update(runId, (latest) => { latest.waiting_position = position })
      .catch(() => { /* the position is a courtesy; the stage result is what counts */ })
  }
}

async function runJob(deps: PipelineDeps, job: RunJob, started: RunMetadata, signals: StageSignals): Promise<RunJobOutcome> {
  // Stages write the run as they go; each stage starts from what is stored now.
  const fresh = async () => (await deps.runs.get(job.runId))!
  let run = started
  const perspective = deps.catalog.perspective(run.perspective)
  if (!perspective) throw new StageFailure(internalFailure(null, `Perspective ${run.perspective} is no longer configured`))

  // Providers that ignore the signal cannot hold up a cancel past the end of their stage.
  const between = () => signals.signal.throwIfAborted()
  if (job.kind === 'prepare') {
    const ideaFirst = checkIdeaBeforeInputSafety(deps)
    let idea: RunMetadata | null = run
    if (ideaFirst && !(idea = await personalDataStage(deps, run, 'idea'))) return 'done'
    if (!(await inputSafetyStage(deps, idea, signals))) return 'done'
    between()
    if (!ideaFirst && !(idea = await personalDataStage(deps, await fresh(), 'idea'))) return 'done'
    between()
    // `idea` may carry placeholders where the session redacts personal data: that is what goes on.
    const check = new InterceptionCheck(deps, run, signals)
    const text = await interceptionStage(deps, idea, perspective, signals, check.acceptable)
    between()
    if (!(await interceptionSafetyStage(deps, await fresh(), perspective, text, check, signals))) return 'done'
    between()
    run = await fresh()
  }
  // Also reached by a run recovered after a crash between the check of its interception and this stop.
  if (!run.output) {
    await deps.runs.update(run.run_id, (latest) => {
      latest.status = 'awaiting_output'
      latest.attempts = 0
    })
    return 'done'
  }

  const output = deps.catalog.output(run.output ?? '')
  if (!output) throw new StageFailure(internalFailure('pre_output', `Output ${run.output} is no longer configured`))
  run = await lyricsStep(deps, run, perspective, output, signals)
  between()
  const prompt = await personalDataStage(deps, run, 'prompt', output)
  if (!prompt || !(await preOutputStage(deps, prompt, output, signals))) return 'done'
  between()
  const record = await generationStage(deps, await fresh(), perspective, output, signals)
  between()
  await outputSafetyStage(deps, await fresh(), record, signals)
  return 'done'
}

async function markCancelled(deps: PipelineDeps, runId: string): Promise<RunJobOutcome> {
  await deps.runs.update(runId, (latest) => {
    latest.status = 'cancelled'
    latest.progress = null
    latest.waiting_position = null
    for (const stage of latest.stages) if (stage.status === 'running' || stage.status === 'failed') stage.status = 'cancelled'
  })
  return 'cancelled'
}

/** Which job an unfinished run still needs, judged from what its stages have done. */
export function pendingJobKind(run: RunMetadata): RunJob['kind'] | null {
  if (run.status === 'awaiting_output' || isFinalStatus(run.status)) return null
  // A run stored before interception_safety existed had its interception shown unchecked already.
  const checked = run.stages.find(stage => stage.name === 'interception_safety') ?? run.stages.find(stage => stage.name === 'interception')
  return checked?.status === 'done' ? 'generate' : 'prepare'
}
