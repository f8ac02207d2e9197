import type { CourseSession } from '#shared/schemas/session'
import type { RunStatus } from '#shared/run-status'
import type { RetentionCandidate } from './run-candidates'

const DAY_MS = 24 * 60 * 60 * 1000

/** The queue may still be working on these; everything else is at rest and may go. */
const IN_QUEUE: readonly RunStatus[] = ['queued', 'running']
export const isInQueue = (status: RunStatus | undefined) => status !== undefined && IN_QUEUE.includes(status)

/** One rule in force: a session's own days, or (session_id null) the global days for every session that follows them. */
export interface RetentionCutoff { session_id: string | null, session_name: string | null, days: number, cutoff: string }

export interface PlannedDeletion { run_id: string, session_id: string, session_name: string | null, created_at: string, older_than_days: number }

export interface RetentionInput {
  globalDays: number | null
  sessions: CourseSession[]
  now: Date
  /** Runs created before the given time (see listRunsForRetention). */
  candidates: (before: string) => AsyncIterable<RetentionCandidate>
}

/** A session's days: its own, the global ones when it says 'global', null (keep) for 'forever'. */
export function effectiveDays(session: Pick<CourseSession, 'retention'> | undefined, globalDays: number | null): number | null {
  const retention = session?.retention ?? 'global'
  if (retention === 'forever') return null
  return retention === 'global' ? globalDays : retention
}

export function retentionCutoffs(input: Omit<RetentionInput, 'candidates'>): RetentionCutoff[] {
  const cutoffOf = (days: number) => new Date(input.now.getTime() - days * DAY_MS).toISOString()
  const cutoffs: RetentionCutoff[] = []
  if (input.globalDays !== null) cutoffs.push({ session_id: null, session_name: null, days: input.globalDays, cutoff: cutoffOf(input.globalDays) })
  for (const session of input.sessions) {
    if (typeof session.retention === 'number') cutoffs.push({ session_id: session.id, session_name: session.name, days: session.retention, cutoff: cutoffOf(session.retention) })
  }
  return cutoffs
}

/**
 * The runs the policy says must go: created more than N days before `now` (a run exactly N days
 * old stays), where N is the session's days. Runs of sessions that no longer exist follow the
 * global days. Runs still queued or running are left for a later pass.
 */
export async function* plannedDeletions(input: RetentionInput): AsyncIterable<PlannedDeletion> {
  const cutoffs = retentionCutoffs(input)
  if (!cutoffs.length) return
  const sessions = new Map(input.sessions.map(session => [session.id, session]))
  const latest = cutoffs.reduce((a, b) => (Date.parse(a.cutoff) > Date.parse(b.cutoff) ? a : b)).cutoff
  for await (const run of input.candidates(latest)) {
    const session = sessions.get(run.session_id)
    const days = effectiveDays(session, input.globalDays)
    if (days === null || isInQueue(run.status)) continue
    if (!(Date.parse(run.created_at) < input.now.getTime() - days * DAY_MS)) continue
    yield { run_id: run.run_id, session_id: run.session_id, session_name: session?.name ?? null, created_at: run.created_at, older_than_days: days }
  }
}
