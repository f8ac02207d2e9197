import type { BackendConfig } from '#shared/schemas/providers'
import type { Backend, BackendProbe, ChatClient, ChatRequest } from './backend'
import { withoutThinking } from '../llm/model-answer'
import { BackendError, tokenLimitReached } from './backend-error'
import type { BackendGate } from './backend-gate'
import { backendLabel, baseUrl } from './backend-config'
import { backendFetch, readJson } from './backend-http'
import { ollamaVisionClassifier } from '../../safety/image-check/vision/ollama-vision-classifier'

/** Only tests shorten the wait between tries. */
export interface ChatClientOptions { backoffMs?: number }

/** A leader asking "is it there?" should not wait for a model to load. */
export const PROBE_TIMEOUT_MS = 5_000

// ollama/ollama api/types.go: ChatResponse carries `done_reason` ("stop", "length", "load"…).
interface OllamaChatAnswer { message?: { content?: string, thinking?: string }, done_reason?: string }
interface OllamaTags { models?: { name: string }[] }

/**
 * Ollama's /api/chat, one answer at once (stream: false); /api/tags lists the pulled models.
 * Since Ollama 0.12 a model that can think (qwen3, deepseek-r1…) does so unless told
 * `think: false`, and its thinking counts against num_predict: with our short limits it would
 * spend them all thinking and answer nothing. We ask for the answer only.
 */
export const createOllamaBackend = (config: BackendConfig, gate: BackendGate, options: ChatClientOptions = {}): Backend => {
  const label = backendLabel(config)
  const chat: ChatClient = {
    chat: (request: ChatRequest) => gate.run(async () => {
      const response = await backendFetch(`${baseUrl(config)}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: request.model,
          messages: request.messages,
          stream: false,
          think: false,
          options: { temperature: request.temperature, seed: request.seed, num_predict: request.maxTokens },
        }),
      }, { label, retries: config.retries, timeoutMs: config.timeout_s * 1000, signal: request.signal, backoffMs: options.backoffMs })
        .catch(error => { throw withPullHint(error, request.model) })
      const answer = await readJson<OllamaChatAnswer>(response, label)
      const text = answer.message?.content
      if (typeof text !== 'string') throw new BackendError('bad_answer', `${label} sent a chat answer without message.content`)
      if (answer.done_reason === 'length' && withoutThinking(text) === '') throw tokenLimitReached(label, request.model, request.maxTokens)
      return { text }
    }, { signal: request.signal, onWaiting: request.onWaiting }),
  }
  return {
    config,
    gate,
    chat,
    imageClassifier: model => ollamaVisionClassifier(config, gate, model),
    probe: signal => probeModels(`${baseUrl(config)}/api/tags`, {}, label, signal,
      (body: OllamaTags) => (body.models ?? []).map(model => model.name)),
  }
}

/**
 * "model 'x' not found" is the commonest Ollama mistake; the fix is one command away. Only that
 * answer gets the hint: another 404 (a wrong URL, a proxy in front) is a different problem.
 */
function withPullHint(error: unknown, model: string) {
  const said = (error instanceof BackendError ? (error.body as { error?: unknown } | null)?.error : null)
  if (error instanceof BackendError && error.status === 404 && typeof said === 'string' && /^model ["'].*["'] not found/i.test(said)) {
    return new BackendError(error.kind, `${error.message} (run \`ollama pull ${model}\` on that machine)`, error.status, null, error.body)
  }
  return error
}

/** One quick GET listing models: how fast, and which models it offers. */
export async function probeModels<T>(url: string, headers: Record<string, string>, label: string, signal: AbortSignal | undefined,
  names: (body: T) => string[]): Promise<BackendProbe> {
  const started = Date.now()
  const response = await backendFetch(url, { headers }, { label, retries: 0, timeoutMs: PROBE_TIMEOUT_MS, signal })
  const models = names(await readJson<T>(response, label))
  return { reachable: true, error: null, latency_ms: Date.now() - started, models }
}
