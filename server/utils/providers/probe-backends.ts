import type { Backend, BackendProbe } from './backends/backend'

/** One backend's probe, cut off after `timeoutMs` even if the client ignores its signal. */
export async function probeBackend(backend: Backend, timeoutMs: number): Promise<BackendProbe> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<BackendProbe>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      resolve({ reachable: false, error: `no answer within ${timeoutMs / 1000} s`, latency_ms: null, models: [] })
    }, timeoutMs)
  })
  const probed = backend.probe(controller.signal).catch((error: unknown): BackendProbe => (
    { reachable: false, error: error instanceof Error ? error.message : String(error), latency_ms: null, models: [] }
  ))
  try {
    return await Promise.race([probed, timedOut])
  }
  finally {
    clearTimeout(timer)
  }
}
