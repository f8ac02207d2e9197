import type { BackendConfig, BackendType } from '#shared/schemas/providers'
import { createComfyuiBackend } from '../comfyui/comfyui-backend'
import { createReplicateBackend } from '../hosted/replicate-backend'
import type { Backend, BackendFactory } from './backend'
import { BackendGate } from './backend-gate'
import { createOllamaBackend } from './ollama-backend'
import { createOpenAiBackend } from './openai-backend'

/** One entry per backend type. */
const FACTORIES: Record<BackendType, BackendFactory> = {
  comfyui: createComfyuiBackend,
  ollama: createOllamaBackend,
  openai: createOpenAiBackend,
  replicate: createReplicateBackend,
}

export function createBackend(config: BackendConfig): Backend {
  return FACTORIES[config.type](config, new BackendGate(config.concurrency))
}
