import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeComfyui } from '../fakes/fake-comfyui'
import { type FakeChatRequest, guardAnswer, startFakeLlm } from '../fakes/fake-llm'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, type Device, waitForRun } from '../support/api'
import { createRun, download, readRunMetadata, runFileNames } from '../support/run-files'
import { freePort, makeTempDir, startServer, type TestServer } from '../support/server'

// The pipeline over real HTTP with real backends faked on loopback: Ollama for the text stages,
// ComfyUI for pictures, and a ComfyUI that is not running at all.

const SHIPPED_SD35 = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../server/assets/outputs/sd35_large.json'), 'utf8'))

/** School content: the shipped SD 3.5 output on three ComfyUI backends, one with a broken workflow. */
function schoolContent(): { dir: string, brokenNode: string } {
  const dir = makeTempDir('ai4artsed-content-')
  mkdirSync(join(dir, 'outputs'), { recursive: true })
  const broken = structuredClone(SHIPPED_SD35.parameters.workflow)
  const positive = Object.entries(broken as Record<string, { class_type: string, inputs: Record<string, unknown> }>)
    .find(([, node]) => node.class_type === 'CLIPTextEncode' && node.inputs.text === '{{prompt}}')!
  delete positive[1].inputs.text
  const outputs = {
    gpu_image: { ...SHIPPED_SD35, parameters: { ...SHIPPED_SD35.parameters, steps: 4 } },
    broken_image: { ...SHIPPED_SD35, parameters: { ...SHIPPED_SD35.parameters, workflow: broken } },
    offline_image: { ...SHIPPED_SD35, provider: 'offline_gpu' },
  }
  for (const [id, output] of Object.entries(outputs)) {
    writeFileSync(join(dir, 'outputs', `${id}.json`), JSON.stringify({ ...output, id, name: { de: id, en: id }, default: false }))
  }
  return { dir, brokenNode: positive[0] }
}

/** Llama Guard for guard models; for chat models an "interception" that is easy to recognise. */
function llmAnswer(request: FakeChatRequest): string {
  if (request.model.includes('guard')) return /purple dragon/i.test(request.lastUser) ? 'unsafe\nS1' : guardAnswer(request.lastUser)
  const idea = request.lastUser.split('\n').pop() ?? ''
  return `Sure! Here it is:\n"A square, primary-coloured version of ${idea.replace(/^.*?:\s*/, '')}"`
}

let server: TestServer
let leader: Device

/** The full reason a run failed, as only a leader reads it (the student's view has the child's words). */
const leaderReason = async (runId: string): Promise<string> => (await api(server, `/api/admin/runs/${runId}`, { device: leader })).body.run.error.message
let llm: Awaited<ReturnType<typeof startFakeLlm>>
let comfyui: Awaited<ReturnType<typeof startFakeComfyui>>
let brokenNode: string

beforeAll(async () => {
  llm = await startFakeLlm({ models: ['llama3.2:latest', 'llama-guard3:1b'], answer: llmAnswer })
  comfyui = await startFakeComfyui({ steps: 4, stepDelayMs: 20 })
  const content = schoolContent()
  brokenNode = content.brokenNode
  const providers = {
    backends: [
      { id: 'ollama', type: 'ollama', url: llm.url, concurrency: 3, timeout_s: 10, retries: 1 },
      { id: 'comfyui', type: 'comfyui', url: comfyui.url, concurrency: 1, timeout_s: 30 },
      { id: 'offline_gpu', type: 'comfyui', url: `http://127.0.0.1:${await freePort()}`, concurrency: 1, timeout_s: 10, retries: 0 },
    ],
    stages: {
      input_safety: { backend: 'ollama', model: 'llama-guard3:1b' },
      interception: { backend: 'ollama', model: 'llama3.2:latest' },
      pre_output_safety: { backend: 'ollama', model: 'llama-guard3:1b' },
    },
  }
  server = await startServer({
    env: { NUXT_PROVIDERS: JSON.stringify(providers), NUXT_CONTENT_DIR: content.dir, NUXT_SAFETY_LEVEL: 'kids', NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD },
  })
  leader = await signInAsLeader(server)
})

afterAll(async () => {
  await server?.stop()
  await llm?.close()
  await comfyui?.close()
})

describe('a run on real backends', () => {
  it('is intercepted by the language model, checked by the safety model and painted by ComfyUI', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'a red house by the sea', language: 'en', output: 'gpu_image' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('completed')
    expect(view.interception_text).toBe('A square, primary-coloured version of a red house by the sea')
    const run = readRunMetadata(server.dataDir, runId)
    expect(run.stages.map(stage => [stage.name, stage.provider, stage.model])).toEqual([
      ['input_safety', 'ollama', 'llama-guard3:1b'],
      ['personal_data', 'builtin_personal_data', 'personal-data-v1'],
      ['interception', 'ollama', 'llama3.2:latest'],
      ['interception_safety', 'ollama', 'llama-guard3:1b'],
      ['pre_output', 'ollama', 'llama-guard3:1b'],
      ['generation', 'comfyui', 'sd3.5_large.safetensors'],
      ['output_safety', 'nsfwjs', 'mobilenet_v2'],
    ])
    expect(run.outputs[0]).toMatchObject({ type: 'image', mime: 'image/png', width: 1024, height: 1024, provider: 'comfyui', config: 'gpu_image' })
    const chats = llm.requests.filter(request => request.path === '/api/chat').map(request => request.body!.model)
    // The guard model sees the idea, the transformed text before the student does, and the prompt.
    expect(chats).toEqual(['llama-guard3:1b', 'llama3.2:latest', 'llama-guard3:1b', 'llama-guard3:1b'])
  })

  it('is blocked when the safety model says unsafe, and nothing is generated', async () => {
    const before = comfyui.requests.length
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'a purple dragon in the garden', language: 'en', output: 'gpu_image' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('blocked')
    expect(view.blocked).toMatchObject({ stage: 'input_safety', reason_code: 'violence' })
    expect(view.blocked!.message.en).toMatch(/without fighting/)
    expect(comfyui.requests.length).toBe(before)
  })

  it('is blocked for kids when the safety model cannot be reached, never waved through', async () => {
    await llm.down()
    try {
      const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'a yellow bicycle', language: 'en', output: 'gpu_image' })
      const view = await waitForRun(server, runId)
      expect(view.status).toBe('blocked')
      expect(view.blocked).toMatchObject({ stage: 'input_safety', reason_code: 'safety_unavailable' })
      expect(view.blocked!.message.en).toMatch(/safety check isn’t available right now/)
      const detail = (await api(server, `/api/admin/runs/${runId}`, { device: leader })).body
      expect(JSON.stringify(detail)).toMatch(/could not be reached: connection refused/)
    }
    finally {
      await llm.up()
    }
  })

  it('fails with the node and field named when ComfyUI rejects the workflow', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'a green tree', language: 'en', output: 'broken_image' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('failed')
    expect(await leaderReason(runId)).toContain(`comfyui rejected the workflow: node ${brokenNode} (CLIPTextEncode) input "text"`)
    // Trying again cannot mend a workflow: the child hears it is the machine's problem, with no retry.
    expect(view.error).toMatchObject({ code: 'provider_broken', retryable: false })
    expect(view.error!.child_message.en).toMatch(/machine has a problem/)
    expect(JSON.stringify(view.error!.child_message)).not.toMatch(/127\.0\.0\.1|http|node|CLIPTextEncode/)
  })

  it('fails without a retry, giving the leader the node’s message, when a node breaks while it runs', async () => {
    comfyui.failNextPrompt({ node_id: '3', exception_type: 'torch.OutOfMemoryError', exception_message: 'CUDA out of memory. Tried to allocate 2.00 GiB' })
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'a big whale', language: 'en', output: 'gpu_image' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('failed')
    expect(view.error).toMatchObject({ code: 'provider_broken', retryable: false })
    expect(await leaderReason(runId)).toBe(`comfyui failed in generation: comfyui (${comfyui.url}) failed at node 3 (KSampler): torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB`)
    expect(JSON.stringify(view.error!.child_message)).not.toMatch(/127\.0\.0\.1|memory|KSampler/)
  })

  it('keeps the mp4 of the shipped Wan 2.2 video output, whose workflow ends in SaveVideo, with a poster and its facts', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'a dancing kite', language: 'en', output: 'wan22_video' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('completed')
    expect(view.outputs).toEqual([expect.objectContaining({ type: 'video', mime: 'video/mp4', thumbnail_url: `/api/runs/${runId}/media/thumbnail-video.webp`, width: 832, height: 480, duration_s: 1 })])
    const { bytes, headers } = await download(server, view.outputs[0]!.url)
    expect(headers.get('content-type')).toBe('video/mp4')
    expect(bytes.subarray(4, 8).toString()).toBe('ftyp')
    expect(readRunMetadata(server.dataDir, runId).outputs[0]).toMatchObject({ type: 'video', mime: 'video/mp4', thumbnail: 'thumbnail-video.webp', provider: 'comfyui', config: 'wan22_video', details: { fps: 8, codec: 'avc1' } })
    expect(runFileNames(server.dataDir, runId).filter(name => /thumb/i.test(name))).toEqual(['thumbnail-video.webp'])
    const submitted = comfyui.requests.filter(request => request.path === '/prompt').at(-1)!.body as { prompt: Record<string, { class_type: string }> }
    expect(submitted.prompt['58']!.class_type).toBe('SaveVideo')
  })

  it('interrupts the prompt on ComfyUI when the student cancels', async () => {
    comfyui.options.slow = true
    try {
      const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'a slow snail', language: 'en', output: 'gpu_image' })
      await waitForRun(server, runId, run => run.progress !== null, 15_000)
      expect((await api(server, `/api/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(200)
      expect((await waitForRun(server, runId)).status).toBe('cancelled')
      const interrupt = comfyui.requests.find(request => request.method === 'POST' && request.path === '/interrupt')
      expect(interrupt?.body).toMatchObject({ prompt_id: expect.any(String) })
      expect(comfyui.queue.running).toBeNull()
    }
    finally {
      comfyui.options.slow = false
    }
  })

  it('fails clearly when a backend is down, while runs on other backends go on', async () => {
    const down = await createRun(server, { perspective: 'bauhaus', input_text: 'a blue boat', language: 'en', output: 'offline_image' })
    const builtin = await createRun(server, { perspective: 'bauhaus', input_text: 'a blue boat', language: 'en', output: 'image_builtin' })
    const failed = await waitForRun(server, down)
    expect(failed.status).toBe('failed')
    expect(failed.error).not.toHaveProperty('message')
    expect(failed.error!.child_message.en).toMatch(/busy/)
    expect(await leaderReason(down)).toMatch(/^offline_gpu failed in generation: offline_gpu \(http:\/\/127\.0\.0\.1:\d+\) could not be reached: connection refused \(is it running\?\)$/)
    expect(failed.error!.retryable).toBe(true)
    expect((await waitForRun(server, builtin)).status).toBe('completed')
  })
})

describe('GET /api/providers', () => {
  it('shows which backends answer and the models they offer', async () => {
    const { status, body } = await api(server, '/api/providers', { device: leader })
    expect(status).toBe(200)
    const byId = Object.fromEntries(body.backends.map((backend: { id: string }) => [backend.id, backend]))
    expect(byId.ollama).toMatchObject({ reachable: true, error: null, models: ['llama3.2:latest', 'llama-guard3:1b'] })
    expect(byId.comfyui).toMatchObject({ reachable: true, error: null })
    expect(byId.comfyui.models).toContain('sd3.5_large.safetensors')
    expect(byId.offline_gpu).toMatchObject({ reachable: false })
    expect(byId.offline_gpu.error).toMatch(/connection refused/)
    expect(body.stages.interception).toEqual({ provider: 'ollama', model: 'llama3.2:latest' })
    const outputs = Object.fromEntries(body.outputs.map((output: { id: string, available: boolean }) => [output.id, output.available]))
    expect(outputs).toMatchObject({ gpu_image: true, broken_image: true, offline_image: true, gpt_image_1: false, flux_schnell: false })
  })
})
