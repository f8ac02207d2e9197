import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeComfyui, startFakeComfyui } from '../fakes/fake-comfyui'
import { type FakeOpenAiImages, startFakeOpenAiImages } from '../fakes/fake-openai-images'
import { type FakeReplicate, startFakeReplicate } from '../fakes/fake-replicate'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, ensureJoined, waitForRun } from '../support/api'
import { createRun, readRunFile, readRunMetadata } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'
import { drawing, drawnFaceSvg } from '../support/test-pictures'
import { upload } from '../support/uploads'

// A student's picture through the whole server to each real backend (faked on loopback, over
// HTTP): what reaches the backend is the run's stored copy, re-encoded and face-blurred, never
// the file the iPad sent.

let server: TestServer
let student: Device
let leader: Device
let comfyui: FakeComfyui
let openai: FakeOpenAiImages
let replicate: FakeReplicate

beforeAll(async () => {
  comfyui = await startFakeComfyui({ steps: 2, stepDelayMs: 5 })
  openai = await startFakeOpenAiImages({ apiKey: 'sk-test' })
  replicate = await startFakeReplicate({ apiToken: 'r8_test', startingPolls: 1, processingPolls: 1 })
  // The shipped outputs name these backend ids.
  const providers = {
    backends: [
      { id: 'comfyui', type: 'comfyui', url: comfyui.url, concurrency: 1, timeout_s: 30, retries: 1 },
      { id: 'openai', type: 'openai', url: openai.url, api_key: 'sk-test', concurrency: 1, timeout_s: 30, retries: 1 },
      { id: 'replicate', type: 'replicate', url: replicate.url, api_key: 'r8_test', concurrency: 1, timeout_s: 30, retries: 1 },
    ],
  }
  server = await startServer({ env: { NUXT_PROVIDERS: JSON.stringify(providers), NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  student = new Device()
  await ensureJoined(server, student)
  leader = await signInAsLeader(server)
})
afterAll(async () => {
  await server?.stop()
  await Promise.all([comfyui?.close(), openai?.close(), replicate?.close()])
})

async function uploaded(data: Buffer, type = 'image/jpeg'): Promise<string> {
  const response = await upload(server, { data, type, name: type === 'image/png' ? 'photo.png' : 'photo.jpg' }, student)
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body.upload_id
}

async function finishedRun(output: string, pictures: Buffer[]) {
  const ids = []
  for (const picture of pictures) ids.push(await uploaded(picture))
  const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'a garden full of birds', input_images: ids, output, language: 'en' }, student)
  const view = await waitForRun(server, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 30_000, student)
  return { runId, view, ids, stored: (index: number) => readRunFile(server.dataDir, runId, readRunMetadata(server.dataDir, runId).input_images[index]!.file) }
}

describe('a run\'s pictures on real backends', () => {
  it('ComfyUI loads the stored copy it was sent, and the image-to-image output comes back', async () => {
    const original = await drawing('jpeg')
    const { view, stored, runId } = await finishedRun('sd35_large_img2img', [original])
    expect(view.status, JSON.stringify(view)).toBe('completed')
    const prompt = comfyui.requests.filter(request => request.path === '/prompt').at(-1)!.body as { prompt: Record<string, { inputs: Record<string, unknown> }> }
    const received = comfyui.inputFile(String(prompt.prompt['10']!.inputs.image))!
    expect(received.equals(stored(0))).toBe(true)
    expect(received.equals(original)).toBe(false)
    expect(readRunMetadata(server.dataDir, runId).outputs[0]).toMatchObject({ provider: 'comfyui', config: 'sd35_large_img2img', width: 640, height: 480 })
  })

  it('ComfyUI fuses two pictures, each the run\'s stored copy', async () => {
    const { view, stored } = await finishedRun('flux_kontext_fusion', [await drawing('jpeg'), await drawing('png')])
    expect(view.status, JSON.stringify(view)).toBe('completed')
    const prompt = comfyui.requests.filter(request => request.path === '/prompt').at(-1)!.body as { prompt: Record<string, { inputs: Record<string, unknown> }> }
    expect(comfyui.inputFile(String(prompt.prompt['142']!.inputs.image))!.equals(stored(0))).toBe(true)
    expect(comfyui.inputFile(String(prompt.prompt['143']!.inputs.image))!.equals(stored(1))).toBe(true)
  })

  it('OpenAI gets the stored, face-blurred copy of a picture with a face, never the original', async () => {
    const face = await sharp(drawnFaceSvg()).jpeg().toBuffer()
    const { view, stored, ids } = await finishedRun('gpt_image_1', [face])
    expect(view.status, JSON.stringify(view)).toBe('completed')
    // The open studio is for youth: the face was found and blurred when the picture came in.
    expect(JSON.parse(readFileSync(join(server.dataDir, 'uploads', ids[0]!, 'record.json'), 'utf8')).faces).toEqual({ found: 1, blurred: true })
    const edit = openai.requests.filter(request => request.path === '/v1/images/edits').at(-1)!
    const sent = edit.body!.image as { data: Buffer, mime: string }
    expect(sent.data.equals(stored(0))).toBe(true)
    expect(sent.data.equals(face)).toBe(false)
  })

  it('Replicate gets the stored copy as a data URL', async () => {
    const { view, stored } = await finishedRun('flux_kontext_replicate', [await drawing('jpeg')])
    expect(view.status, JSON.stringify(view)).toBe('completed')
    expect(replicate.received.at(-1)!.data.equals(stored(0))).toBe(true)
  })

  it('a picture ComfyUI refuses: the leader reads ComfyUI\'s words, the student only child words', async () => {
    comfyui.options.maxUploadBytes = 1000
    try {
      const { view, runId } = await finishedRun('sd35_large_img2img', [await drawing('jpeg')])
      expect(view.status).toBe('failed')
      expect(view.error).toMatchObject({ code: 'provider_broken', retryable: false })
      expect(JSON.stringify(view)).not.toMatch(/127\.0\.0\.1|413|upload|Maximum request body/)
      const detail = (await api(server, `/api/admin/runs/${runId}`, { device: leader })).body
      expect(detail.run.error.message).toMatch(/did not take picture 1 \(input-image-1\.jpg\).*413/)
    }
    finally {
      comfyui.options.maxUploadBytes = 100 * 1024 * 1024
    }
  })
})
