import type { SafetyLevel } from '#shared/schemas/common'
import type { RunStatus } from '#shared/schemas/run'
import type { RunSummary } from './run-summary'

/** Which runs a list, count or export covers. Every field narrows; absent fields match all. */
export interface RunFilter {
  /** Inclusive bounds on created_at, as ISO datetimes in UTC (`…Z`). */
  from?: string
  to?: string
  session_id?: string
  perspective?: string
  status?: RunStatus
  safety_level?: SafetyLevel
  /** Substring of the idea or the interception, any case. */
  q?: string
  hidden?: boolean
  /** In the session's class gallery, or suggested for it. */
  published?: boolean
  suggested?: boolean
  participant_id?: string
}

/** The created_at bounds are applied by the index through its sort order, not here. */
export function matchesFilter(summary: RunSummary, search: string, filter: RunFilter, needle: string | null): boolean {
  return (filter.session_id === undefined || summary.session_id === filter.session_id)
    && (filter.perspective === undefined || summary.perspective === filter.perspective)
    && (filter.status === undefined || summary.status === filter.status)
    && (filter.safety_level === undefined || summary.safety_level === filter.safety_level)
    && (filter.hidden === undefined || summary.hidden === filter.hidden)
    && (filter.published === undefined || (summary.published ?? false) === filter.published)
    && (filter.suggested === undefined || (summary.suggested ?? false) === filter.suggested)
    && (filter.participant_id === undefined || summary.participant_id === filter.participant_id)
    && (needle === null || search.includes(needle))
}
