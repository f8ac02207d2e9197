import { BackendError } from './backend-error'

export interface BackendRequestOptions {
  /** For messages: "ollama (http://gpu:11434)". */
  label: string
  /** Tries after the first one. */
  retries: number
  /** Longest a single try may take. */
  timeoutMs: number
  signal?: AbortSignal
  /** First backoff step; doubled each try, capped at 30 s. Tests make it small. */
  backoffMs?: number
}

const MAX_BACKOFF_MS = 30_000
const MAX_RETRY_AFTER_S = 120

/**
 * fetch with the issue's retry rule: connection errors, 5xx and 429 (after Retry-After when
 * given) are tried again with exponential backoff; other 4xx come back at once as `rejected`.
 * The response is returned only when it is 2xx; the caller reads its body.
 */
export async function backendFetch(url: string, init: RequestInit, options: BackendRequestOptions): Promise<Response> {
  let attempt = 0
  for (;;) {
    options.signal?.throwIfAborted()
    const error = await tryOnce(url, init, options)
    if (error instanceof Response) return error
    if (!error.retryable || attempt >= options.retries) throw error
    await sleep(retryDelayMs(error, attempt, options.backoffMs), options.signal)
    attempt += 1
  }
}

/** How long to wait before try `attempt + 1`: Retry-After when the backend said, else exponential backoff. */
export function retryDelayMs(error: BackendError, attempt: number, backoffMs = 500): number {
  if (error.retryAfterS != null) return Math.min(error.retryAfterS, MAX_RETRY_AFTER_S) * 1000
  return Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** attempt)
}

async function tryOnce(url: string, init: RequestInit, options: BackendRequestOptions): Promise<Response | BackendError> {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  let response: Response
  try {
    response = await fetch(url, { ...init, signal })
  }
  catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error
    if (timeout.aborted) return new BackendError('timeout', `${options.label} did not answer within ${Math.round(options.timeoutMs / 1000)} s`)
    return new BackendError('unreachable', `${options.label} could not be reached: ${connectionProblem(error)}`)
  }
  if (response.ok) return response
  const { detail, body } = await errorDetail(response)
  const what = `${options.label} answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'))
  if (response.status === 429) return new BackendError('rate_limited', what, 429, retryAfter, body)
  if (response.status >= 500) return new BackendError('server_error', what, response.status, retryAfter, body)
  return new BackendError('rejected', what, response.status, null, body)
}

/** Reads a JSON body, naming the backend when it is not JSON. */
export async function readJson<T>(response: Response, label: string): Promise<T> {
  const text = await response.text()
  try {
    return JSON.parse(text) as T
  }
  catch {
    throw new BackendError('bad_answer', `${label} sent something that is not JSON: ${text.slice(0, 120)}`)
  }
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(header)
  return Number.isNaN(date) ? null : Math.max(0, (date - now) / 1000)
}

/** Node's fetch hides the reason (ECONNREFUSED…) in `cause`. */
export function connectionProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: string, message?: string } })?.cause
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (is it running?)'
  if (cause?.code === 'ENOTFOUND') return 'host name not found'
  if (cause?.code === 'ECONNRESET') return 'connection reset'
  return cause?.message ?? (error instanceof Error ? error.message : String(error))
}

async function errorDetail(response: Response): Promise<{ detail: string, body: unknown }> {
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string, type?: string }, detail?: string, message?: string }
    if (typeof body.error === 'string') return { detail: body.error, body }
    return { detail: body.error?.message ?? body.detail ?? body.message ?? text.slice(0, 200), body }
  }
  catch {
    return { detail: text.slice(0, 200), body: null }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
