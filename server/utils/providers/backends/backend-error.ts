import { textWithoutUrlCredentials } from '../../http/url-without-credentials'

/**
 * Why a backend call failed, in words a course leader understands. `retryable` follows the
 * issue's rule: connection errors, timeouts of one request, 5xx and 429 are worth another try;
 * any other 4xx is our request's fault and never is.
 */
export type BackendErrorKind = 'unreachable' | 'timeout' | 'rate_limited' | 'server_error' | 'rejected' | 'bad_answer' | 'cancelled'
  /** The backend's own content policy refused the prompt: trying again will not help. */
  | 'refused'
  /** The job ran and broke inside the backend (a ComfyUI node raised): the machine's problem, not the prompt's. */
  | 'failed'

export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    /** E.g. "comfyui (http://gpu:8188) did not answer: connection refused". */
    message: string,
    readonly status: number | null = null,
    /** Seconds the backend asked us to wait (Retry-After), when it said. */
    readonly retryAfterS: number | null = null,
    /** The error answer's JSON body, for clients that explain it further (ComfyUI's node_errors). */
    readonly body: unknown = null,
  ) {
    // A backend's URL may carry a user and password; its errors are shown to leaders and logged.
    super(textWithoutUrlCredentials(message))
    this.name = 'BackendError'
  }

  get retryable() {
    return this.kind === 'unreachable' || this.kind === 'timeout' || this.kind === 'rate_limited' || this.kind === 'server_error'
  }
}

/**
 * The token limit ran out before the model said anything: it spent the limit thinking (Ollama's
 * `done_reason: "length"`, OpenAI's `finish_reason: "length"`). Not worth a retry: the same
 * request ends the same way.
 */
export function tokenLimitReached(label: string, model: string, maxTokens: number | undefined) {
  return new BackendError('bad_answer', `${label} (${model}) used up its limit of ${maxTokens ?? 'default'} tokens before answering (a model that thinks first spends the limit on thinking)`)
}
