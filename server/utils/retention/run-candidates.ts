import { opendir } from 'node:fs/promises'
import type { RunStatus } from '#shared/run-status'
import type { RunStore } from '../storage/run-store'
import { isRunId } from '../storage/run-keys'

/** What the planner needs to know about a run. */
export interface RetentionCandidate {
  run_id: string
  session_id: string
  created_at: string
  /** Lets the plan leave out runs still in the queue; the apply step checks again before deleting. */
  status?: RunStatus
}

/**
 * Runs created before `before`, in no particular order. The seam to the run index: today it
 * reads every run folder's metadata; once the index exists this becomes `index.olderThan(before, 'all')`.
 */
export async function* listRunsForRetention(runs: RunStore, runsDir: string, before: string): AsyncIterable<RetentionCandidate> {
  const limit = Date.parse(before)
  let dir
  try {
    dir = await opendir(runsDir)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  for await (const entry of dir) {
    if (!entry.isDirectory() || !isRunId(entry.name)) continue
    // A half-written or hand-edited folder must not stop the job for every other run.
    const run = await runs.get(entry.name).catch(() => null)
    if (!run || !(Date.parse(run.created_at) < limit)) continue
    yield { run_id: run.run_id, session_id: run.session_id, created_at: run.created_at, status: run.status }
  }
}
