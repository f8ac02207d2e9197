import type { BackendConfig } from '#shared/schemas/providers'
import type { Backend, BackendProbe, ChatClient, ChatRequest } from './backend'
import { BackendError } from './backend-error'
import type { BackendGate } from './backend-gate'
import { backendLabel, baseUrl } from './backend-config'
import { backendFetch, readJson } from './backend-http'

/** Only tests shorten the wait between tries. */
export interface ChatClientOptions { backoffMs?: number }

/** A leader asking "is it there?" should not wait for a model to load. */
export const PROBE_TIMEOUT_MS = 5_000

interface OllamaChatAnswer { message?: { content?: string } }
interface OllamaTags { models?: { name: string }[] }

/** Ollama's /api/chat, one answer at once (stream: false); /api/tags lists the pulled models. */
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
          options: { temperature: request.temperature, seed: request.seed, num_predict: request.maxTokens },
        }),
      }, { label, retries: config.retries, timeoutMs: config.timeout_s * 1000, signal: request.signal, backoffMs: options.backoffMs })
        .catch(error => { throw withPullHint(error, request.model) })
      const answer = await readJson<OllamaChatAnswer>(response, label)
      const text = answer.message?.content
      if (typeof text !== 'string') throw new BackendError('bad_answer', `${label} sent a chat answer without message.content`)
      return { text }
    }, { signal: request.signal, onWaiting: request.onWaiting }),
  }
  return {
    config,
    gate,
    chat,
    probe: signal => probeModels(`${baseUrl(config)}/api/tags`, {}, label, signal,
      (body: OllamaTags) => (body.models ?? []).map(model => model.name)),
  }
}

/** "model 'x' not found" is the commonest Ollama mistake; the fix is one command away. */
function withPullHint(error: unknown, model: string) {
  if (error instanceof BackendError && error.status === 404 && /not found/i.test(error.message)) {
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
