import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, defaultDevice, Device, waitForRun } from '../support/api'
import { createRun, download, readRunMetadata, runFileNames } from '../support/run-files'
import { contentWithSecondImageOutput } from '../support/second-image-output'
import { startServer, type TestServer } from '../support/server'

let server: TestServer
let leader: Device
const content = contentWithSecondImageOutput()

beforeAll(async () => {
  server = await startServer({ env: { ...content.env, NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  leader = await signInAsLeader(server)
})
afterAll(async () => {
  await server?.stop()
})

async function studentInSessionWith(outputs: string[]) {
  const session = await api(server, '/api/admin/sessions', { body: { name: `Choice ${outputs.join(' ')}`, outputs }, device: leader })
  expect(session.status, JSON.stringify(session.body)).toBe(201)
  const device = new Device()
  expect((await api(server, '/api/join', { body: { code: session.body.join_code, language: 'en' }, device })).status).toBe(200)
  return device
}

describe('a 3D model', () => {
  it('is made offline as GLB, served with its type and ETag to its owner only, probed into metadata.json, with a thumbnail', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Drei rote Kugeln und ein blaues Haus', output: 'model_builtin' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('completed')
    const output = view.outputs[0]!
    expect(output).toMatchObject({ type: 'model', mime: 'model/gltf-binary' })
    const { bytes, headers } = await download(server, output.url)
    expect([bytes.toString('latin1', 0, 4), bytes.readUInt32LE(4), bytes.readUInt32LE(8)]).toEqual(['glTF', 2, bytes.length])
    expect(headers.get('content-type')).toBe('model/gltf-binary')
    const etag = headers.get('etag')
    expect(etag).toBeTruthy()
    const again = await fetch(`${server.url}${output.url}`, { headers: { 'if-none-match': etag!, 'cookie': defaultDevice(server).cookieHeader } })
    expect(again.status).toBe(304)
    // Another device is not the owner: it never learns the file exists.
    expect((await fetch(`${server.url}${output.url}`, { headers: { cookie: new Device().cookieHeader } })).status).toBe(404)
    const thumbnail = await download(server, output.thumbnail_url!)
    expect(thumbnail.headers.get('content-type')).toBe('image/webp')
    expect(runFileNames(server.dataDir, runId)).toEqual(expect.arrayContaining(['output-model.glb', 'thumbnail-model.webp']))
    const stored = readRunMetadata(server.dataDir, runId).outputs[0]!
    expect(stored.details).toMatchObject({ format: 'glb', triangles: expect.any(Number), bounds_min: expect.any(Array), bounds_max: expect.any(Array) })
    expect(stored.details!.triangles).toBeGreaterThan(64)

    const compat = await download(server, `/api/media/model/${runId}`)
    expect(compat.bytes.equals(bytes)).toBe(true)
  })
})

describe('choosing the output', () => {
  it('offers each output with its hints, and only those the session allows', async () => {
    const all = (await api(server, '/api/outputs')).body as Array<{ id: string, hints?: object }>
    expect(all.find(output => output.id === 'model_builtin')!.hints).toEqual({ quality: 'simple', speed: 'fast', place: 'here' })
    expect(all.find(output => output.id === content.outputId)!.hints).toEqual({ quality: 'good', speed: 'medium', place: 'here' })
    // No ComfyUI is configured: its 3D output is not offered.
    expect(all.map(output => output.id)).not.toContain('hunyuan3d_model')
    // A card's words only: the provider, model and parameters (a workflow may hold a node's key) stay on the server.
    const cardFields = ['id', 'name', 'media_type', 'default', 'music', 'max_pictures', 'hints']
    for (const output of all) expect(cardFields).toEqual(expect.arrayContaining(Object.keys(output)))
    expect(Object.keys(all.find(output => output.id === 'image_builtin')!)).not.toContain('parameters')
    const device = await studentInSessionWith(['image_builtin', content.outputId])
    expect((await api(server, '/api/outputs', { device })).body.map((output: { id: string }) => output.id).sort()).toEqual(['image_builtin', content.outputId].sort())
  })

  it('makes the run with the output the student chose, and refuses one the session does not allow', async () => {
    const device = await studentInSessionWith(['image_builtin', content.outputId])
    const started = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'A cat on a roof' }, device })
    expect(started.status).toBe(202)
    const runId = started.body.run_id
    await waitForRun(server, runId, undefined, 30_000, device)
    const refused = await api(server, `/api/runs/${runId}/generate`, { body: { output: 'model_builtin' }, device })
    expect([refused.status, refused.body.data.reason]).toEqual([403, 'output_not_allowed'])
    expect(refused.body.statusMessage).toMatch(/not part of the session/)
    expect((await api(server, `/api/runs/${runId}/generate`, { body: { output: content.outputId }, device })).status).toBe(202)
    const view = await waitForRun(server, runId, run => ['completed', 'failed', 'blocked'].includes(run.status), 30_000, device)
    expect([view.status, view.output, view.outputs[0]!.width, view.outputs[0]!.height]).toEqual(['completed', content.outputId, 640, 320])
  })
})
