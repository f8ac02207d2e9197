import type { BackendConfig, BackendType } from '#shared/schemas/providers'
import type { Backend, BackendFactory } from './backend'
import { BackendGate } from './backend-gate'
import { createComfyuiBackend } from '../comfyui/comfyui-backend'

/** One entry per backend type; each client module adds its own. */
const FACTORIES: Partial<Record<BackendType, BackendFactory>> = {
  comfyui: createComfyuiBackend,
}

export function createBackend(config: BackendConfig): Backend {
  const factory = FACTORIES[config.type]
  if (!factory) throw new Error(`Backend type ${config.type} is not supported`)
  return factory(config, new BackendGate(config.concurrency))
}
