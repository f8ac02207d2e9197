export type RunJobKind = 'prepare' | 'generate'

export interface RunJob {
  runId: string
  kind: RunJobKind
}

/** Handlers say how a job ended instead of throwing through the queue. */
export type RunJobOutcome = 'done' | 'failed' | 'skipped' | 'cancelled'

export type RunJobHandler = (job: RunJob, signal: AbortSignal) => Promise<RunJobOutcome>

/** Jobs are keyed `runId:kind`: enqueueing a job that is already waiting or running does nothing. */
export const runJobKey = (job: RunJob) => `${job.runId}:${job.kind}`

export interface RunQueue {
  readonly driver: string
  /** Starts taking jobs; until then they only wait. */
  start(handler: RunJobHandler): void
  enqueue(job: RunJob): Promise<void>
  /** 1 for the next job to start, null when the run has no waiting job. */
  position(runId: string): Promise<number | null>
  /** Drops a waiting job or aborts a running one; false when the run has none. */
  cancel(runId: string): Promise<boolean>
  stats(): Promise<{ waiting: number, active: number }>
  /** Rejects with a message naming the queue's server when it cannot be reached; absent for in-process queues. */
  check?(): Promise<void>
  /** Stops taking jobs and waits up to `timeoutMs` for running ones, then aborts them. */
  close(timeoutMs: number): Promise<void>
}
