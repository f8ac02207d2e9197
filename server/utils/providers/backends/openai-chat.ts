import type { BackendConfig } from '#shared/schemas/providers'
import type { BackendProbe, ChatClient, ChatRequest } from './backend'
import { BackendError } from './backend-error'
import type { BackendGate } from './backend-gate'
import { backendFetch, readJson } from './backend-http'
import { authorization, backendLabel, baseUrl } from './backend-config'
import { probeModels, type ChatClientOptions } from './ollama-backend'

interface ChatCompletion { choices?: { message?: { content?: string | null } }[] }
interface ModelList { data?: { id: string }[] }

/**
 * OpenAI-compatible chat completions: OpenAI, OpenRouter, LM Studio, vLLM. `config.url` is the
 * base including /v1 (https://api.openai.com/v1, http://localhost:1234/v1).
 */
export function createOpenAiChatClient(config: BackendConfig, gate: BackendGate, options: ChatClientOptions = {}): ChatClient {
  const label = backendLabel(config)
  return {
    chat: (request: ChatRequest) => gate.run(async () => {
      const response = await backendFetch(`${baseUrl(config)}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization(config) },
        body: JSON.stringify({
          model: request.model,
          messages: request.messages,
          temperature: request.temperature,
          seed: request.seed,
          max_tokens: request.maxTokens,
        }),
      }, { label, retries: config.retries, timeoutMs: config.timeout_s * 1000, signal: request.signal, backoffMs: options.backoffMs })
      const answer = await readJson<ChatCompletion>(response, label)
      const text = answer.choices?.[0]?.message?.content
      if (typeof text !== 'string') throw new BackendError('bad_answer', `${label} sent a chat completion without choices[0].message.content`)
      return { text }
    }, { signal: request.signal, onWaiting: request.onWaiting }),
  }
}

/** GET {url}/models: reachable, the key accepted, and which models it offers. */
export function probeOpenAi(config: BackendConfig, signal?: AbortSignal): Promise<BackendProbe> {
  return probeModels(`${baseUrl(config)}/models`, authorization(config), backendLabel(config), signal,
    (body: ModelList) => (body.data ?? []).map(model => model.id))
}
