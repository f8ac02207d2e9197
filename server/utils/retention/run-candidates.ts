import type { RunStatus } from '#shared/run-status'

/** What the planner needs to know about a run; the run index's summaries are these. */
export interface RetentionCandidate {
  run_id: string
  session_id: string
  created_at: string
  /** Lets the plan leave out runs still in the queue; the apply step checks again before deleting. */
  status?: RunStatus
}
