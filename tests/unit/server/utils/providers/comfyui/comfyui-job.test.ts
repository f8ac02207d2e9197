import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { type FakeComfyui, startFakeComfyui } from '../../../../../fakes/fake-comfyui'
import { comfyuiBackend, comfyuiJob, outputWith, promptRequests, rejection, SD35 } from '../../../../../support/comfyui-jobs'

// What the real ComfyUI does that an idea of it would miss (issue 14), each against the fake.

const WAN22 = OutputConfig.parse(JSON.parse(readFileSync(new URL('../../../../../../server/assets/outputs/wan22_video.json', import.meta.url), 'utf8')))
const sd35Workflow = () => structuredClone(SD35.parameters.workflow) as Record<string, { class_type: string, inputs: Record<string, unknown> }>
const HUNYUAN3D = OutputConfig.parse(JSON.parse(readFileSync(new URL('../../../../../../server/assets/outputs/hunyuan3d_model.json', import.meta.url), 'utf8')))
const video = (steps = 3) => ({ ...WAN22, parameters: { ...WAN22.parameters, steps, width: 96, height: 64 } })

let fake: FakeComfyui
afterEach(async () => {
  await fake?.close()
})

describe('ComfyUI outputs by medium', () => {
  it('copies the mp4 that SaveVideo reports under images with animated, for a video output', async () => {
    fake = await startFakeComfyui()
    const media = await comfyuiBackend(fake).generator!.generate(comfyuiJob({ output: video() }).input)
    // A real H.264 file, as PyAV writes it: its size and length are read from its boxes.
    expect(media).toMatchObject({ mime: 'video/mp4', extension: 'mp4', width: 96, height: 64, duration_s: 1 })
    expect(media.data.subarray(4, 8).toString()).toBe('ftyp')
    const saved = fake.history.values().next().value!.outputs['58']
    expect(saved).toMatchObject({ images: [{ filename: 'ai4artsed_00001_.mp4', subfolder: 'video', type: 'output' }], animated: [true] })
  })

  it('copies the GLB that SaveGLB reports under `3d`, for a 3D model output (Hunyuan3D)', async () => {
    fake = await startFakeComfyui({ checkpoints: ['sd3.5_large.safetensors', 'hunyuan3d-dit-v2.safetensors'] })
    const output = { ...HUNYUAN3D, parameters: { ...HUNYUAN3D.parameters, steps: 2, width: 64, height: 64 } }
    const media = await comfyuiBackend(fake).generator!.generate(comfyuiJob({ output }).input)
    expect([media.mime, media.extension, media.data.toString('latin1', 0, 4)]).toEqual(['model/gltf-binary', 'glb', 'glTF'])
    const saved = fake.history.values().next().value!.outputs['68']
    expect(saved).toEqual({ '3d': [{ filename: 'ai4artsed_00001_.glb', subfolder: 'mesh', type: 'output' }] })
  })

  it('copies the webm of SaveWEBM as video/webm', async () => {
    fake = await startFakeComfyui()
    const workflow = sd35Workflow()
    workflow['9'] = { class_type: 'SaveWEBM', inputs: { images: ['8', 0], filename_prefix: 'ai4artsed', codec: 'vp9', fps: 12, crf: 32 } }
    const media = await comfyuiBackend(fake).generator!.generate(comfyuiJob({ output: outputWith('video', workflow) }).input)
    expect(media.mime).toBe('video/webm')
    expect([...media.data.subarray(0, 4)]).toEqual([0x1A, 0x45, 0xDF, 0xA3])
  })

  it('takes the picture, not the video, for an image output whose workflow saves both', async () => {
    fake = await startFakeComfyui()
    const workflow = sd35Workflow()
    workflow['60'] = { class_type: 'SaveWEBM', inputs: { images: ['8', 0], filename_prefix: 'clip', codec: 'vp9', fps: 12, crf: 32 } }
    const media = await comfyuiBackend(fake).generator!.generate(comfyuiJob({ output: outputWith('image', workflow) }).input)
    expect(media).toMatchObject({ mime: 'image/png', width: 96, height: 64 })
  })

  it('never stores an mp4 or an animation as an image output’s picture, and says what it found', async () => {
    fake = await startFakeComfyui()
    const error = await rejection(comfyuiBackend(fake).generator!.generate(comfyuiJob({ output: { ...video(), media_type: 'image' } }).input))
    expect(error.message).toBe(`comfyui (${fake.url}) finished the workflow but it saved no image (does it end in a SaveImage node?); it saved ai4artsed_00001_.mp4 (video/mp4, animated)`)
    expect((error as BackendError).retryable).toBe(false)
  })

  it('tells a video output that an animated WebP is not a video', async () => {
    fake = await startFakeComfyui()
    const workflow = sd35Workflow()
    workflow['9'] = { class_type: 'SaveAnimatedWEBP', inputs: { images: ['8', 0], filename_prefix: 'ComfyUI', fps: 6, lossless: false, quality: 80, method: 'default' } }
    const error = await rejection(comfyuiBackend(fake).generator!.generate(comfyuiJob({ output: outputWith('video', workflow) }).input))
    expect(error.message).toMatch(/saved no video \(does it end in a SaveVideo or SaveWEBM node\?\); it saved ComfyUI_00001_\.webp \(image\/webp, animated\)$/)
  })
})

describe('ComfyUI events that do not tell everything', () => {
  it('notices at once that its waiting prompt was cleared from ComfyUI’s queue while the socket is open', async () => {
    fake = await startFakeComfyui({ slow: true })
    fake.busyAhead(1)
    const { input } = comfyuiJob({ onWaiting: position => position === 1 && fake.clearQueue() })
    const error = await rejection(comfyuiBackend(fake, { timeout_s: 60 }).generator!.generate(input))
    expect(error.message).toMatch(/lost the job: prompt [0-9a-f-]+ is neither in its queue nor in its history \(was the queue cleared, or did ComfyUI restart\?\)$/)
    await expect.poll(() => fake.websocketClients).toBe(0)
  })

  it('finishes when execution_success and the final executing event are lost, by asking /queue and /history', async () => {
    fake = await startFakeComfyui()
    fake.loseNext('execution_success')
    fake.loseNext('executing:null')
    const media = await comfyuiBackend(fake, { timeout_s: 60 }).generator!.generate(comfyuiJob().input)
    expect(media.width).toBe(96)
    expect(fake.requests.some(request => request.path.startsWith('/history/'))).toBe(true)
  })

  it('waits for the history, written after execution_success, when the executed event was lost', async () => {
    fake = await startFakeComfyui({ historyLagMs: 150 })
    fake.loseNext('executed')
    const media = await comfyuiBackend(fake).generator!.generate(comfyuiJob({ output: video() }).input)
    expect(media.mime).toBe('video/mp4')
  })

  /** Holds the sampler at step 4 until the client has reported it, so no step can be overtaken by the history. */
  function sampledTo4(progress: { value: number }[]) {
    fake.pauseOwnPromptAt(4)
    return (step: { value: number, max: number }) => {
      progress.push(step)
      if (step.value >= 7.8) fake.resume()
    }
  }

  it('reports progress across the whole workflow from progress_state, never going back', async () => {
    fake = await startFakeComfyui()
    const { input, progress } = comfyuiJob({ output: video(5) })
    await comfyuiBackend(fake).generator!.generate({ ...input, onProgress: sampledTo4(progress) })
    const nodes = Object.keys(WAN22.parameters.workflow as object).length
    const values = progress.map(step => step.value)
    expect(progress.every(step => step.max === nodes)).toBe(true)
    expect(values).toEqual([...new Set(values)].sort((a, b) => a - b))
    // The sampler runs after the three loaders, the model patch, two encoders and the latent:
    // its five steps move the bar between 7 and 8 (the fifth ends it at 8).
    expect(values.filter(value => value > 7 && value < 8)).toHaveLength(4)
    expect(values.at(-1)).toBe(nodes)
  })

  it('reports the same whole-workflow progress from a server that sends no progress_state', async () => {
    fake = await startFakeComfyui({ progressState: false })
    const { input, progress } = comfyuiJob({ output: video(5) })
    await comfyuiBackend(fake).generator!.generate({ ...input, onProgress: sampledTo4(progress) })
    const values = progress.map(step => step.value)
    expect(values.filter(value => value > 7 && value < 8)).toHaveLength(4)
    expect(values.at(-1)).toBe(Object.keys(WAN22.parameters.workflow as object).length)
  })
})

describe('ComfyUI submissions', () => {
  it('fails with the dropped nodes when a 200 answer carries node_errors, and leaves nothing queued', async () => {
    fake = await startFakeComfyui({ slow: true })
    const workflow = sd35Workflow()
    workflow['70'] = { class_type: 'VAEDecode', inputs: { samples: ['3', 0] } }
    workflow['71'] = { class_type: 'SaveImage', inputs: { images: ['70', 0], filename_prefix: 'extra' } }
    const error = await rejection(comfyuiBackend(fake).generator!.generate(comfyuiJob({ output: outputWith('image', workflow) }).input))
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).kind).toBe('rejected')
    expect(error.message).toBe('comfyui rejected part of the workflow: node 70 (VAEDecode) input "vae": Required input is missing')
    await expect.poll(() => fake.queue).toEqual({ running: null, pending: [] })
    expect(fake.requests.some(request => request.path.startsWith('/view'))).toBe(false)
  })

  it('sends its own prompt_id and does not submit twice when the answer to a queued prompt was lost', async () => {
    fake = await startFakeComfyui()
    fake.failNext(1, 502, { path: '/prompt', queueFirst: true })
    await comfyuiBackend(fake).generator!.generate(comfyuiJob().input)
    const posts = promptRequests(fake)
    expect(posts).toHaveLength(1)
    const { prompt_id } = posts[0]!.body as { prompt_id: string }
    expect(prompt_id).toMatch(/^[0-9a-f-]{36}$/)
    expect([...fake.history.keys()]).toEqual([prompt_id])
  })

  it('lists checkpoints from /object_info combos written as ["COMBO", { options }]', async () => {
    fake = await startFakeComfyui({ comboSpec: true, checkpoints: ['flux1-dev.safetensors'] })
    const probe = await comfyuiBackend(fake).probe(AbortSignal.timeout(5_000))
    expect(probe.models).toEqual(['flux1-dev.safetensors'])
  })
})

describe('cancelling on a ComfyUI that ignores the prompt_id of /interrupt', () => {
  it('does not interrupt a stranger’s running prompt when its own only waits', async () => {
    fake = await startFakeComfyui({ slow: true, interruptIgnoresPromptId: true })
    fake.busyAhead(1)
    const stranger = fake.queue.pending[0]
    const controller = new AbortController()
    const { input } = comfyuiJob({ signal: controller.signal, onWaiting: position => position === 1 && controller.abort(new Error('cancelled')) })
    await rejection(comfyuiBackend(fake).generator!.generate(input))
    await expect.poll(() => fake.queue.running).toBe(stranger)
    expect(fake.queue.pending).toEqual([])
    expect(fake.requests.some(request => request.path === '/interrupt')).toBe(false)
  })

  it('does not interrupt when /queue cannot say whose prompt runs', async () => {
    fake = await startFakeComfyui({ slow: true, interruptIgnoresPromptId: true })
    const controller = new AbortController()
    const { input } = comfyuiJob({ signal: controller.signal, onProgress: () => {
      if (controller.signal.aborted) return
      fake.failNext(10, 503, { path: '/queue' })
      controller.abort(new Error('cancelled'))
    } })
    await rejection(comfyuiBackend(fake, { retries: 1 }).generator!.generate(input))
    expect(fake.requests.some(request => request.path === '/interrupt')).toBe(false)
  })
})
