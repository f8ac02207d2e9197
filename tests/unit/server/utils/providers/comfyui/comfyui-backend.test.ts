import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { BackendGate } from '../../../../../../server/utils/providers/backends/backend-gate'
import { type FakeComfyui, startFakeComfyui } from '../../../../../fakes/fake-comfyui'
import { probeBackend } from '../../../../../../server/utils/providers/probe-backends'
import { comfyuiBackend, comfyuiJob as job, promptRequests as promptsOf, rejection, SD35 } from '../../../../../support/comfyui-jobs'

let fake: FakeComfyui
afterEach(async () => {
  await fake?.close()
})

const backendFor = (options = {}, gate = new BackendGate(1)) => comfyuiBackend(fake, options, gate)
const promptRequests = () => promptsOf(fake)

describe('ComfyUI backend', () => {
  it('fills the workflow, follows the websocket and copies the saved image with its real size', async () => {
    fake = await startFakeComfyui({ previews: true })
    const { input, progress, waiting } = job()
    const media = await backendFor().generator!.generate(input)

    expect(media.mime).toBe('image/png')
    expect(media.extension).toBe('png')
    expect([media.width, media.height]).toEqual([96, 64])
    expect((await sharp(media.data).metadata()).format).toBe('png')
    // Eight nodes, each counted once, ending full (comfyui-job.test.ts follows the sampler's steps).
    expect(progress.every(step => step.max === 8)).toBe(true)
    expect(progress.map(step => step.value)).toEqual([...progress.map(step => step.value)].sort((a, b) => a - b))
    expect(progress.at(-1)!.value).toBe(8)
    expect(waiting).toEqual([])

    const socketAt = fake.requests.findIndex(request => request.method === 'WS')
    const submitAt = fake.requests.findIndex(request => request.path === '/prompt')
    expect(fake.requests[socketAt]!.path).toMatch(/^\/ws\?clientId=/)
    expect(socketAt).toBeLessThan(submitAt)
    const { prompt, client_id } = promptRequests()[0]!.body as { prompt: Record<string, { inputs: Record<string, unknown> }>, client_id: string }
    expect(fake.requests[socketAt]!.path).toBe(`/ws?clientId=${client_id}`)
    expect(prompt['16']!.inputs.text).toBe('a red fox in the snow')
    expect(prompt['40']!.inputs.text).toBe(SD35.parameters.negative_prompt)
    expect(prompt['3']!.inputs).toMatchObject({ seed: 42, steps: 4, cfg: 5.5 })
    expect(prompt['53']!.inputs).toMatchObject({ width: 96, height: 64 })
    expect(fake.requests.some(request => request.path.startsWith('/view?'))).toBe(true)
  })

  it('ignores binary preview frames and the events of other prompts', async () => {
    fake = await startFakeComfyui({ previews: true, steps: 3, stepDelayMs: 2 })
    // Foreign prompts without a client id: ComfyUI broadcasts their events to every client.
    fake.busyAhead(2)
    const { input, progress } = job()
    const media = await backendFor().generator!.generate(input)
    expect(media.width).toBe(96)
    // The other prompts' progress is sent to every client; ours counts only our own eight nodes.
    expect(progress.every(step => step.max === 8)).toBe(true)
    expect(progress.at(-1)!.value).toBe(8)
  })

  it('reports its place in ComfyUI\'s unsorted queue, then null once it runs', async () => {
    fake = await startFakeComfyui({ stepDelayMs: 30 })
    fake.busyAhead(3)
    const { input, waiting } = job()
    await backendFor().generator!.generate(input)
    // Normally [3, 2, 1, null]; a very busy machine may see a place skipped, never out of order.
    expect(waiting[0]).toBe(3)
    expect(waiting.at(-1)).toBeNull()
    const places = waiting.slice(0, -1) as number[]
    expect(places).toEqual([...places].sort((a, b) => b - a))
    expect(new Set(places).size).toBe(places.length)
  })

  it('turns a 400 with node_errors into an error naming the node, its class and the input', async () => {
    fake = await startFakeComfyui()
    const workflow = structuredClone(SD35.parameters.workflow) as Record<string, { inputs: Record<string, unknown> }>
    delete workflow['16']!.inputs.text
    const error = await rejection(backendFor().generator!.generate(job({ output: { ...SD35, parameters: { ...SD35.parameters, workflow } } }).input))
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).kind).toBe('rejected')
    expect(error.message).toBe('comfyui rejected the workflow: node 16 (CLIPTextEncode) input "text": Required input is missing')
    expect(promptRequests()).toHaveLength(1)
  })

  it('names a checkpoint ComfyUI does not have', async () => {
    fake = await startFakeComfyui({ checkpoints: ['sd_xl_base_1.0.safetensors'] })
    const error = await rejection(backendFor().generator!.generate(job().input))
    expect(error.message).toContain('node 4 (CheckpointLoaderSimple) input "ckpt_name": Value not in list')
    expect(error.message).toContain('sd3.5_large.safetensors')
  })

  it('reports an execution_error with the node, the exception type and its message', async () => {
    fake = await startFakeComfyui()
    fake.failNextPrompt({ node_id: '3', exception_type: 'torch.OutOfMemoryError', exception_message: 'CUDA out of memory. Tried to allocate 2.00 GiB\n' })
    const error = await rejection(backendFor().generator!.generate(job().input))
    expect(error.message).toBe(`comfyui (${fake.url}) failed at node 3 (KSampler): torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB`)
  })

  it('says clearly that ComfyUI forgot the job when it restarts mid-job', async () => {
    fake = await startFakeComfyui({ slow: true })
    const backend = backendFor()
    let restarted = false
    const { input } = job({ onProgress: () => {
      if (!restarted) void fake.restart()
      restarted = true
    } })
    const error = await rejection(backend.generator!.generate(input))
    expect(error.message).toMatch(/^comfyui \(http:\/\/127\.0\.0\.1:\d+\) lost the job: prompt [0-9a-f-]+ is neither in its queue nor in its history \(was the queue cleared, or did ComfyUI restart\?\)$/)
  })

  it('polls /history when the websocket is refused, and still copies the image', async () => {
    fake = await startFakeComfyui({ wsDisabled: true })
    const media = await backendFor().generator!.generate(job().input)
    expect(media.width).toBe(96)
    expect(fake.requests.some(request => request.path.startsWith('/history/'))).toBe(true)
  })

  it('gives up after the backend\'s timeout_s, naming backend and seconds, and interrupts the prompt', async () => {
    fake = await startFakeComfyui({ slow: true })
    const error = await rejection(backendFor({ timeout_s: 0.3 }).generator!.generate(job().input))
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).kind).toBe('timeout')
    expect(error.message).toBe(`comfyui (${fake.url}) did not finish the job within 0.3 s`)
    expect(fake.requests.some(request => request.path === '/interrupt')).toBe(true)
  })

  it('waits as long as a 429\'s Retry-After says, then submits again', async () => {
    fake = await startFakeComfyui()
    fake.failNext(1, 429, { path: '/prompt', retryAfter: '1' })
    const started = Date.now()
    await backendFor().generator!.generate(job().input)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(promptRequests()).toHaveLength(2)
  })

  it('retries 503 answers', async () => {
    fake = await startFakeComfyui()
    fake.failNext(2, 503, { path: '/prompt' })
    await backendFor().generator!.generate(job().input)
    expect(promptRequests()).toHaveLength(3)
  })

  it('takes a waiting prompt out of ComfyUI\'s queue on cancel', async () => {
    fake = await startFakeComfyui({ slow: true })
    fake.busyAhead(1)
    const controller = new AbortController()
    const reason = new Error('cancelled by the leader')
    const { input } = job({ signal: controller.signal, onWaiting: position => position === 1 && controller.abort(reason) })
    expect(await rejection(backendFor().generator!.generate(input))).toBe(reason)
    const deletion = fake.requests.find(request => request.method === 'POST' && request.path === '/queue')
    expect(deletion?.body).toEqual({ delete: [expect.any(String)] })
    expect(fake.queue.pending).toEqual([])
    expect(fake.requests.some(request => request.path === '/interrupt')).toBe(false)
  })

  it('interrupts a running prompt on cancel', async () => {
    fake = await startFakeComfyui({ slow: true })
    const controller = new AbortController()
    const reason = new Error('cancelled by the leader')
    const { input } = job({ signal: controller.signal, onProgress: () => controller.abort(reason) })
    expect(await rejection(backendFor().generator!.generate(input))).toBe(reason)
    const { prompt_id } = fake.requests.find(request => request.path === '/interrupt')!.body as { prompt_id: string }
    await expect.poll(() => fake.queue.running).toBeNull()
    expect(fake.history.get(prompt_id)?.status.messages.map(([type]) => type)).toContain('execution_interrupted')
    expect(fake.requests.some(request => request.method === 'POST' && request.path === '/queue')).toBe(false)
  })

  it('runs one job at a time with concurrency 1: the second is told it is next, then that it starts', async () => {
    fake = await startFakeComfyui({ stepDelayMs: 10 })
    const backend = backendFor({ concurrency: 1 }, new BackendGate(1))
    const first = job()
    const second = job()
    const results = await Promise.all([backend.generator!.generate(first.input), backend.generator!.generate(second.input)])
    expect(results.map(media => media.width)).toEqual([96, 96])
    expect(first.waiting).toEqual([])
    expect(second.waiting).toEqual([1, null])
  })

  it('copies the FLAC a SaveAudio node writes for an audio output', async () => {
    fake = await startFakeComfyui()
    const workflow = {
      3: { class_type: 'KSampler', inputs: { model: ['4', 0], seed: '{{seed}}', steps: '{{steps}}', cfg: '{{cfg}}', sampler_name: 'euler', scheduler: 'simple', positive: ['6', 0], negative: ['7', 0], latent_image: ['11', 0], denoise: 1 } },
      4: { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sd3.5_large.safetensors' } },
      6: { class_type: 'CLIPTextEncode', inputs: { text: '{{prompt}}', clip: ['4', 1] } },
      7: { class_type: 'CLIPTextEncode', inputs: { text: '{{negative_prompt}}', clip: ['4', 1] } },
      11: { class_type: 'EmptyLatentAudio', inputs: { seconds: 2, batch_size: 1 } },
      12: { class_type: 'VAEDecodeAudio', inputs: { samples: ['3', 0], vae: ['4', 2] } },
      19: { class_type: 'SaveAudio', inputs: { audio: ['12', 0], filename_prefix: 'audio/ai4artsed' } },
    }
    const output = OutputConfig.parse({ id: 'stable_audio', name: { de: 'Klang', en: 'Sound' }, media_type: 'audio', provider: 'comfyui', parameters: { steps: 3, workflow } })
    const media = await backendFor().generator!.generate(job({ output }).input)
    expect(media.mime).toBe('audio/flac')
    expect(media.extension).toBe('flac')
    expect(media.data.subarray(0, 4).toString()).toBe('fLaC')
  })

  it('sends the shipped ACE-Step song workflow with the lyrics, tags and seconds, and keeps the FLAC SaveAudio writes', async () => {
    fake = await startFakeComfyui({ checkpoints: ['ace_step_v1_3.5b.safetensors'] })
    const shipped = JSON.parse(readFileSync(new URL('../../../../../../server/assets/outputs/ace_step_music.json', import.meta.url), 'utf8'))
    const output = OutputConfig.parse({ ...shipped, parameters: { ...shipped.parameters, steps: 3, duration_s: 12 } })
    const music = { lyrics: 'The cat sings\non the roof', tags: ['folk', 'happy', 'guitar'] }
    const media = await backendFor().generator!.generate(job({ output, music }).input)
    expect([media.mime, media.extension]).toEqual(['audio/flac', 'flac'])
    expect(media.data.subarray(0, 4).toString()).toBe('fLaC')
    const { prompt } = promptRequests()[0]!.body as { prompt: Record<string, { class_type: string, inputs: Record<string, unknown> }> }
    expect(prompt['14']).toMatchObject({ class_type: 'TextEncodeAceStepAudio', inputs: { tags: 'folk, happy, guitar', lyrics: 'The cat sings\non the roof' } })
    expect(prompt['17']).toMatchObject({ class_type: 'EmptyAceStepLatentAudio', inputs: { seconds: 12, batch_size: 1 } })
    expect(prompt['3']!.inputs).toMatchObject({ seed: 42, steps: 3 })
  })

  it('probes /system_stats and lists the checkpoints; says why when it cannot be reached', async () => {
    fake = await startFakeComfyui()
    const backend = backendFor()
    const probe = await probeBackend(backend, 5_000)
    expect(probe).toMatchObject({ reachable: true, error: null, models: ['sd3.5_large.safetensors', 'sd_xl_base_1.0.safetensors'] })
    expect(probe.latency_ms).toBeGreaterThanOrEqual(0)
    await fake.close()
    const down = await probeBackend(backend, 5_000)
    expect(down).toMatchObject({ reachable: false, models: [] })
    expect(down.error).toBe(`comfyui (${fake.url}) could not be reached: connection refused (is it running?)`)
  })
})
