import type { ApiProblem } from './api-problem'

/** Refusals that come from the session's rules; each has its own sentence for the child in `session.refused.*`. */
const SESSION_REFUSALS = ['session_closed', 'session_gone', 'not_joined', 'studio_closed', 'perspective_not_allowed', 'output_not_allowed', 'output_unavailable', 'runs_per_hour', 'runs_in_progress', 'too_many_requests', 'disk_full', 'storage_unavailable', 'pictures_off', 'picture_gone', 'output_takes_no_pictures'] as const

/** The i18n key explaining a session refusal, or null when the problem is something else. */
export function refusalKey(problem: ApiProblem): string | null {
  return problem.reason && (SESSION_REFUSALS as readonly string[]).includes(problem.reason) ? `session.refused.${problem.reason}` : null
}
