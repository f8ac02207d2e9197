import type { BackendConfig } from '#shared/schemas/providers'
import type { Backend, BackendFactory, BackendProbe } from '../backends/backend'
import type { BackendGate } from '../backends/backend-gate'
import { ComfyuiClient, type ComfyuiTuning } from './comfyui-client'
import { ComfyuiGenerator } from './comfyui-generator'

const DEFAULT_POLL_MS = 1_000

/** A ComfyUI: reachable when /system_stats answers; its models are the checkpoints it can load. */
export function createComfyuiBackend(config: BackendConfig, gate: BackendGate, tuning: ComfyuiTuning = {}): Backend {
  const client = new ComfyuiClient(config, tuning)
  return {
    config,
    gate,
    generator: new ComfyuiGenerator(config, gate, client, tuning.pollMs ?? DEFAULT_POLL_MS),
    async probe(signal: AbortSignal): Promise<BackendProbe> {
      const started = Date.now()
      await client.systemStats(signal)
      const latency = Date.now() - started
      return { reachable: true, error: null, latency_ms: latency, models: await client.checkpoints(signal).catch(() => []) }
    },
  }
}

createComfyuiBackend satisfies BackendFactory
