/** What a failed $fetch tells the page: the HTTP status (null when the request never got an answer) and the failing field. */
export interface ApiProblem {
  status: number | null
  field: string | null
  /** Why the server refused, when it says (`session_closed`, `runs_per_hour`…): picks the child's message. */
  reason: string | null
  message: string
}

export function apiProblemOf(error: unknown): ApiProblem {
  const failure = (error ?? {}) as { statusCode?: number, status?: number, data?: { statusMessage?: string, data?: { field?: unknown, reason?: unknown } }, message?: string }
  const status = failure.statusCode ?? failure.status ?? null
  const field = failure.data?.data?.field
  const reason = failure.data?.data?.reason
  return {
    status: typeof status === 'number' && status > 0 ? status : null,
    field: typeof field === 'string' ? field : null,
    reason: typeof reason === 'string' ? reason : null,
    message: failure.data?.statusMessage ?? failure.message ?? String(error),
  }
}
