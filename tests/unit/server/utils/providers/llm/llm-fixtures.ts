import { BackendConfig } from '#shared/schemas/providers'
import { BackendGate } from '../../../../../../server/utils/providers/backends/backend-gate'
import { createOllamaBackend } from '../../../../../../server/utils/providers/backends/ollama-backend'
import { createOpenAiChatClient } from '../../../../../../server/utils/providers/backends/openai-chat'

/** Tests wait milliseconds, not seconds, between tries. */
export const BACKOFF_MS = 10

export function ollamaConfig(url: string, overrides: Partial<BackendConfig> = {}): BackendConfig {
  return BackendConfig.parse({ id: 'ollama', type: 'ollama', url, concurrency: 3, timeout_s: 5, retries: 3, ...overrides })
}

export function openAiConfig(url: string, overrides: Partial<BackendConfig> = {}): BackendConfig {
  return BackendConfig.parse({ id: 'openai', type: 'openai', url, concurrency: 3, timeout_s: 5, retries: 3, ...overrides })
}

export function ollamaBackend(config: BackendConfig) {
  return createOllamaBackend(config, new BackendGate(config.concurrency), { backoffMs: BACKOFF_MS })
}

export function openAiChat(config: BackendConfig) {
  return createOpenAiChatClient(config, new BackendGate(config.concurrency), { backoffMs: BACKOFF_MS })
}
