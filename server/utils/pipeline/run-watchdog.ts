import type { RunQueue } from '../queue/run-queue'
import type { RunStore } from '../storage/run-store'
import { timeoutFailure } from './run-errors'

/** Past its time limit by this much (a minute, or the limit itself when that is shorter), a run nobody works on counts as lost. */
export const watchdogMarginMs = (runTimeoutMs: number) => Math.min(60_000, runTimeoutMs)

/** How often the watchdog looks: every 30 s, more often for short time limits. */
export const watchdogIntervalMs = (runTimeoutMs: number) => Math.min(30_000, Math.max(1000, runTimeoutMs / 2))

export interface RunWatchdogDeps {
  runs: RunStore
  queue: Pick<RunQueue, 'position'>
  instanceId: string
  runTimeoutMs: number
  /** Runs whose jobs this instance is handling now (createRunJobHandler's set). */
  inFlight: ReadonlySet<string>
}

/**
 * Fails this instance's runs that are waiting or running on paper but that no job works on and
 * no queue holds, once they are past their time limit plus a margin: a run whose end could not be
 * written (a full disk) must not spin on the student's page until the next restart. A write that
 * fails again is tried at the next sweep. Answers how many runs it failed.
 */
export async function failLostRuns(deps: RunWatchdogDeps, now = Date.now()): Promise<number> {
  let failed = 0
  for (const runId of await deps.runs.activeRunIds()) {
    if (deps.inFlight.has(runId)) continue
    const run = await deps.runs.get(runId)
    if (!run || run.instance_id !== deps.instanceId || (run.status !== 'queued' && run.status !== 'running')) continue
    if (now - Date.parse(run.updated_at) < deps.runTimeoutMs + watchdogMarginMs(deps.runTimeoutMs)) continue
    if (await deps.queue.position(runId) !== null) continue
    try {
      const written = await deps.runs.update(runId, (latest) => {
        if (deps.inFlight.has(runId) || (latest.status !== 'queued' && latest.status !== 'running')) return
        latest.status = 'failed'
        latest.error = timeoutFailure(latest.stage, deps.runTimeoutMs)
        latest.progress = null
        latest.waiting_position = null
      })
      if (written.status === 'failed') failed += 1
    }
    catch (error) {
      console.error(`[runs] could not fail the lost run ${runId}; trying again at the next sweep`, (error as Error).message)
    }
  }
  return failed
}
