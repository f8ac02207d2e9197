import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, type Device, ensureJoined } from '../support/api'
import { freePort, makeTempDir, startServer, type TestServer } from '../support/server'

/** Two outputs that name backends students cannot use here: one configured by env, one not at all. */
function contentWithRemoteOutputs(): string {
  const dir = makeTempDir('ai4artsed-content-')
  mkdirSync(join(dir, 'outputs'), { recursive: true })
  for (const [id, provider] of [['sd_remote', 'gpu'], ['cloud_image', 'nowhere']]) {
    writeFileSync(join(dir, 'outputs', `${id}.json`), JSON.stringify({ id, name: { de: id, en: id }, media_type: 'image', provider, model: 'remote-model', parameters: {} }))
  }
  return dir
}

let server: TestServer
let leader: Device
let refusedUrl: string

beforeAll(async () => {
  refusedUrl = `http://127.0.0.1:${await freePort()}`
  const providers = { backends: [{ id: 'gpu', type: 'ollama', url: refusedUrl, concurrency: 3 }], default_outputs: { audio: 'audio_builtin' } }
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, NUXT_PROVIDERS: JSON.stringify(providers), NUXT_CONTENT_DIR: contentWithRemoteOutputs() } })
  leader = await signInAsLeader(server)
})
afterAll(() => server?.stop())

describe('GET /api/providers', () => {
  it('shows a backend that cannot be reached, with the reason, within a few seconds', async () => {
    const started = Date.now()
    const { status, body } = await api(server, '/api/providers', { device: leader })
    expect(status).toBe(200)
    expect(Date.now() - started).toBeLessThan(4500)
    const gpu = body.backends.find((backend: { id: string }) => backend.id === 'gpu')
    expect(gpu).toMatchObject({ type: 'ollama', url: refusedUrl, reachable: false, concurrency: 3, active: 0, waiting: 0, models: [] })
    expect(gpu.error).toMatch(/could not be reached: connection refused/)
    expect(body.stages.interception).toEqual({ provider: 'builtin', model: 'rules-v1' })
    const outputs = Object.fromEntries(body.outputs.map((output: { id: string, available: boolean }) => [output.id, output.available]))
    expect(outputs).toMatchObject({ image_builtin: true, audio_builtin: true, cloud_image: false })
  })
})

describe('outputs whose backend is not configured', () => {
  it('are not offered to students, and a run asking for one is refused with a sentence', async () => {
    const offered = (await api(server, '/api/outputs')).body.map((output: { id: string }) => output.id)
    expect(offered).toContain('image_builtin')
    expect(offered).not.toContain('cloud_image')
    await ensureJoined(server)
    const refused = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'A small boat', output: 'cloud_image' } })
    expect(refused.status).toBe(400)
    expect(refused.body.data.reason).toBe('output_unavailable')
    expect(refused.body.statusMessage).toBe('The output "cloud_image" is not available right now: its backend "nowhere" is not configured')
    const catalog = await api(server, '/api/admin/catalog', { device: leader })
    expect(catalog.body.outputs.map((output: { id: string }) => output.id)).toContain('cloud_image')
    expect(server.output()).toContain('cloud_image.json: provider: no provider "nowhere" is configured')
  })
})

describe('PUT /api/admin/providers', () => {
  const hosted = { id: 'hosted', type: 'openai', url: 'https://api.example.com/v1', concurrency: 2, timeout_s: 60, retries: 1 }

  it('stores a key, keeps it when a save leaves it out, and never sends it back', async () => {
    const first = await api(server, '/api/admin/providers', { method: 'PUT', device: leader, body: { backends: [{ ...hosted, api_key: 'sk-test-secret-1' }], stages: {}, default_outputs: {} } })
    expect(first.status).toBe(200)
    expect(JSON.stringify(first.body)).not.toContain('sk-test-secret-1')
    expect(first.body.backends.find((backend: { id: string }) => backend.id === 'hosted')).toMatchObject({ api_key_set: true, from_env: false })
    const second = await api(server, '/api/admin/providers', { method: 'PUT', device: leader, body: { backends: [{ ...hosted, concurrency: 4 }], stages: {}, default_outputs: {} } })
    expect(second.body.backends.find((backend: { id: string }) => backend.id === 'hosted')).toMatchObject({ api_key_set: true, concurrency: 4 })
    const stored = JSON.parse(readFileSync(join(server.dataDir, 'settings', 'providers.json'), 'utf8'))
    expect(stored.backends).toEqual([{ ...hosted, concurrency: 4, api_key: 'sk-test-secret-1' }])
    for (const path of ['/api/admin/providers', '/api/providers', '/api/admin/audit']) {
      expect(JSON.stringify((await api(server, path, { device: leader })).body), path).not.toContain('sk-test-secret-1')
    }
    const view = (await api(server, '/api/admin/providers', { device: leader })).body
    expect(view.backends.map((backend: { id: string, from_env: boolean }) => `${backend.id}:${backend.from_env}`)).toEqual(['hosted:false', 'gpu:true'])
    expect(view.env_locked).toEqual(['default_outputs.audio'])
  })

  it('refuses to change what NUXT_PROVIDERS sets', async () => {
    const backend = await api(server, '/api/admin/providers', { method: 'PUT', device: leader, body: { backends: [{ id: 'gpu', type: 'ollama', url: 'http://other:11434' }], stages: {}, default_outputs: {} } })
    expect([backend.status, backend.body.statusMessage]).toEqual([409, 'The backend "gpu" is set by NUXT_PROVIDERS and can only be changed there.'])
    const locked = await api(server, '/api/admin/providers', { method: 'PUT', device: leader, body: { backends: [], stages: {}, default_outputs: { audio: 'image_builtin' } } })
    expect([locked.status, locked.body.statusMessage]).toEqual([409, '"default_outputs.audio" is set by NUXT_PROVIDERS and can only be changed there.'])
  })

  it('refuses settings that do not hold together with a sentence naming the field', async () => {
    const badUrl = await api(server, '/api/admin/providers', { method: 'PUT', device: leader, body: { backends: [{ ...hosted, url: 'gpu:8188' }], stages: {}, default_outputs: {} } })
    expect(badUrl.status).toBe(400)
    expect(badUrl.body.statusMessage).toMatch(/^Backend "hosted", url: /)
    expect(badUrl.body.data.field).toBe('backends.0.url')
    const noBackend = await api(server, '/api/admin/providers', { method: 'PUT', device: leader, body: { backends: [], stages: { translation: { backend: 'nowhere', model: 'x' } }, default_outputs: {} } })
    expect([noBackend.status, noBackend.body.statusMessage]).toEqual([400, 'Stage "translation", backend: no backend "nowhere" is configured'])
    const wrongDefault = await api(server, '/api/admin/providers', { method: 'PUT', device: leader, body: { backends: [], stages: {}, default_outputs: { image: 'audio_builtin' } } })
    expect([wrongDefault.status, wrongDefault.body.statusMessage]).toEqual([400, 'Default image output: there is no image output "audio_builtin"'])
  })
})

it('refuses to start when NUXT_PROVIDERS is not valid, naming it and the field', async () => {
  const bad = { backends: [{ id: 'gpu', type: 'sdwebui', url: 'http://gpu:7860' }] }
  await expect(startServer({ env: { NUXT_PROVIDERS: JSON.stringify(bad) } })).rejects.toThrow(/refusing to start: Invalid settings: NUXT_PROVIDERS: backends\.0\.type: /)
  await expect(startServer({ env: { NUXT_PROVIDERS: '{"backends": [' } })).rejects.toThrow(/NUXT_PROVIDERS: is not valid JSON/)
})
