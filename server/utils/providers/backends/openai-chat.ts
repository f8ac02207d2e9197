import type { BackendConfig } from '#shared/schemas/providers'
import type { BackendProbe, ChatClient, ChatRequest } from './backend'
import { BackendError, tokenLimitReached } from './backend-error'
import type { BackendGate } from './backend-gate'
import { backendFetch, readJson } from './backend-http'
import { authorization, backendLabel, baseUrl } from './backend-config'
import { probeModels, type ChatClientOptions } from './ollama-backend'

interface ChatCompletion { choices?: { message?: { content?: string | null }, finish_reason?: string }[] }
interface ModelList { data?: { id: string }[] }

/**
 * OpenAI's reasoning models (o1, o3, o4-mini, gpt-5…, also behind a router's "openai/" prefix)
 * refuse `max_tokens` and any temperature but the default 1 with a 400 (openai-openapi:
 * CreateChatCompletionRequest, "max_tokens … is not compatible with o-series models").
 */
export const isReasoningModel = (model: string) => /(?:^|\/)(?:o\d|gpt-5)(?:[.-]|$)/i.test(model)

/** Reasoning tokens count against max_completion_tokens: without room for them the answer is empty. */
const REASONING_ALLOWANCE = 2048

/** The sampling and limit fields each kind of model accepts. */
export function limitFields(request: ChatRequest): Record<string, unknown> {
  if (!isReasoningModel(request.model)) return { temperature: request.temperature, max_tokens: request.maxTokens }
  return { max_completion_tokens: request.maxTokens == null ? undefined : request.maxTokens + REASONING_ALLOWANCE }
}

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
          seed: request.seed,
          ...limitFields(request),
        }),
      }, { label, retries: config.retries, timeoutMs: config.timeout_s * 1000, signal: request.signal, backoffMs: options.backoffMs })
      const answer = await readJson<ChatCompletion>(response, label)
      const choice = answer.choices?.[0]
      const text = choice?.message?.content
      if (choice?.finish_reason === 'length' && !text?.trim()) throw tokenLimitReached(label, request.model, request.maxTokens)
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
