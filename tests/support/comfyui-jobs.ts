import { readFileSync } from 'node:fs'
import { OutputConfig } from '#shared/schemas/output'
import { BackendConfig } from '#shared/schemas/providers'
import type { Perspective } from '#shared/schemas/perspective'
import { BackendGate } from '../../server/utils/providers/backends/backend-gate'
import { createComfyuiBackend } from '../../server/utils/providers/comfyui/comfyui-backend'
import type { GenerationInput } from '../../server/utils/providers/types'
import type { FakeComfyui } from '../fakes/fake-comfyui'

// Jobs for the ComfyUI client against the fake ComfyUI, as the unit tests send them.

const shipped = JSON.parse(readFileSync(new URL('../../server/assets/outputs/sd35_large.json', import.meta.url), 'utf8'))
/** The shipped SD 3.5 output, small and quick. */
export const SD35 = OutputConfig.parse({ ...shipped, parameters: { ...shipped.parameters, width: 96, height: 64, steps: 4 } })

/** A ComfyUI backend on the fake; retries and polls quick, so nothing waits on this machine's speed. */
export function comfyuiBackend(fake: FakeComfyui, options: Partial<BackendConfig> = {}, gate = new BackendGate(1)) {
  const config = BackendConfig.parse({ id: 'comfyui', type: 'comfyui', url: fake.url, timeout_s: 10, retries: 3, ...options })
  return createComfyuiBackend(config, gate, { backoffMs: 5, pollMs: 20 })
}

/** A generation request with the progress and queue places it was told. */
export function comfyuiJob(overrides: Partial<GenerationInput> = {}) {
  const progress: { value: number, max: number }[] = []
  const waiting: (number | null)[] = []
  const input: GenerationInput = {
    prompt: 'a red fox in the snow', seed: 42, perspective: {} as Perspective, output: SD35,
    onProgress: value => progress.push(value), onWaiting: position => waiting.push(position), ...overrides,
  }
  return { input, progress, waiting }
}

/** An output of `mediaType` whose workflow is `workflow`. */
export function outputWith(mediaType: 'image' | 'audio' | 'video', workflow: Record<string, unknown>, id = `comfy_${mediaType}`) {
  return OutputConfig.parse({ id, name: { de: id, en: id }, media_type: mediaType, provider: 'comfyui', parameters: { steps: 3, width: 96, height: 64, workflow } })
}

export function promptRequests(fake: FakeComfyui) {
  return fake.requests.filter(request => request.method === 'POST' && request.path === '/prompt')
}

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => null, (reason: unknown) => reason)
  if (!(error instanceof Error)) throw new Error(`expected a rejection, got ${String(error)}`)
  return error
}
