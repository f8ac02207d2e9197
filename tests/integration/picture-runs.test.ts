import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunStatusView } from '#shared/schemas/run'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, ensureJoined, waitForRun } from '../support/api'
import { createRun, readRunFile, readRunMetadata, runDir, runIdsOnDisk, sha256 } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'
import { drawing, stickerSvg } from '../support/test-pictures'
import { upload } from '../support/uploads'

// One server: the open studio (youth) for most students, a session per test where its rules matter.
let server: TestServer
let student: Device
let other: Device
let leader: Device

beforeAll(async () => {
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  student = new Device()
  other = new Device()
  await ensureJoined(server, student)
  await ensureJoined(server, other)
  leader = await signInAsLeader(server)
})
afterAll(async () => {
  await server?.stop()
})

async function uploadDrawing(device: Device, picture?: Buffer, type = 'image/jpeg'): Promise<string> {
  const response = await upload(server, { data: picture ?? await drawing('jpeg'), type }, device)
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body.upload_id
}

const uploadRecord = (uploadId: string) => JSON.parse(readFileSync(join(server.dataDir, 'uploads', uploadId, 'record.json'), 'utf8'))

const expectRefusal = (response: { status: number, body: any }, status: number, reason: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(status)
  expect(response.body.data?.reason).toBe(reason)
  expect(response.body.message).toMatch(/^[A-Z].{10,}/)
  expect(JSON.stringify(response.body)).not.toMatch(/at .+\.(m?js|ts):\d+/)
}

async function fetchAs(path: string, device?: Device) {
  const response = await fetch(`${server.url}${path}`, { headers: device?.cookies.size ? { cookie: device.cookieHeader } : {} })
  return { status: response.status, headers: response.headers, data: Buffer.from(await response.arrayBuffer()) }
}

describe('a run with one picture (transformation)', () => {
  let runId: string
  let uploadId: string
  let finished: RunStatusView

  beforeAll(async () => {
    uploadId = await uploadDrawing(student)
    // No words: the picture is the idea.
    runId = await createRun(server, { perspective: 'bauhaus', input_images: [uploadId], output: 'image_builtin', language: 'en' }, student)
    finished = await waitForRun(server, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 30_000, student)
  })

  it('completes with its own copy of the picture in the run folder, recorded with its sha256', async () => {
    expect(finished.status, JSON.stringify(finished)).toBe('completed')
    const metadata = readRunMetadata(server.dataDir, runId)
    expect(metadata.input_text).toBe('')
    expect(metadata.input_images).toEqual([{ file: 'input-image-1.jpg', mime: 'image/jpeg', width: 640, height: 480, bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }])
    const copy = readRunFile(server.dataDir, runId, 'input-image-1.jpg')
    expect(sha256(copy)).toBe(metadata.input_images[0]!.sha256)
    expect(copy.length).toBe(metadata.input_images[0]!.bytes)
    expect(sha256(copy)).toBe(uploadRecord(uploadId).sha256)
    expect(uploadRecord(uploadId).used_by).toEqual([runId])
    expect(metadata.stages.find(stage => stage.name === 'generation')!.detail).toMatchObject({ pictures: 1 })
  })

  it('tells the student what the perspective does with the picture, as a checked interception', async () => {
    expect(finished.interception_text).toMatch(/^Your picture is transformed through the eyes of “Bauhaus”\.$/)
    const metadata = readRunMetadata(server.dataDir, runId)
    expect(metadata.stages.find(stage => stage.name === 'interception_safety')!.status).toBe('done')
  })

  it('shows the picture in the status view and the gallery, and serves it to its student only', async () => {
    expect(finished.input_images).toEqual([{
      file: 'input-image-1.jpg', url: `/api/runs/${runId}/media/input-image-1.jpg`,
      thumbnail_url: `/api/runs/${runId}/media/input-image-1.jpg?w=128`, width: 640, height: 480, mime: 'image/jpeg',
    }])
    const gallery = await api(server, '/api/my/runs', { device: student })
    expect(gallery.body.runs.find((item: { run_id: string }) => item.run_id === runId).input_images).toEqual(finished.input_images)

    const own = await fetchAs(finished.input_images[0]!.url, student)
    expect(own.status).toBe(200)
    expect(own.headers.get('content-type')).toBe('image/jpeg')
    expect(own.data.equals(readRunFile(server.dataDir, runId, 'input-image-1.jpg'))).toBe(true)
    const thumbnail = await fetchAs(finished.input_images[0]!.thumbnail_url, student)
    expect(thumbnail.status).toBe(200)
    expect(thumbnail.headers.get('content-type')).toBe('image/webp')
    expect((await sharp(thumbnail.data).metadata()).width).toBe(128)

    expect((await fetchAs(finished.input_images[0]!.url, other)).status).toBe(404)
    expect((await fetchAs(finished.input_images[0]!.thumbnail_url, other)).status).toBe(404)
    expect((await fetchAs(finished.input_images[0]!.url)).status).toBe(404)
    expect((await fetchAs(`/api/runs/${runId}/media/input-image-2.jpg`, student)).status).toBe(404)
    expect((await fetchAs(finished.input_images[0]!.url, leader)).status).toBe(200)
  })

  it('shows the picture in the leader\'s run view and the session feed', async () => {
    const detail = await api(server, `/api/admin/runs/${runId}`, { device: leader })
    expect(detail.status).toBe(200)
    expect(detail.body.run.input_images).toHaveLength(1)
    expect(detail.body.input_images).toEqual(finished.input_images)
    expect(detail.body.files).toContain('input-image-1.jpg')
    const feed = await api(server, `/api/admin/sessions/${readRunMetadata(server.dataDir, runId).session_id}/feed`, { device: leader })
    expect(feed.body.runs.find((row: { run_id: string }) => row.run_id === runId).input_images).toEqual(finished.input_images)
    const wall = await api(server, `/api/admin/sessions/${readRunMetadata(server.dataDir, runId).session_id}/wall`, { device: leader })
    expect(wall.body.runs.find((item: { run_id: string }) => item.run_id === runId).input_images).toEqual(finished.input_images)
  })

  it('puts the picture into the research export: the file in the ZIP and its name in runs.csv and runs.jsonl', async () => {
    const response = await fetch(`${server.url}/api/admin/export?export_id=${randomUUID()}`, { headers: { cookie: leader.cookieHeader } })
    expect(response.status).toBe(200)
    const dir = makeTempDir('ai4artsed-picture-export-')
    writeFileSync(join(dir, 'export.zip'), Buffer.from(await response.arrayBuffer()))
    execFileSync('unzip', ['-q', 'export.zip', '-d', 'out'], { cwd: dir })
    const exported = readFileSync(join(dir, 'out', 'runs', runId, 'input-image-1.jpg'))
    expect(exported.equals(readRunFile(server.dataDir, runId, 'input-image-1.jpg'))).toBe(true)
    const row = readFileSync(join(dir, 'out', 'runs.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line)).find(object => object.run_id === runId)
    expect(row.input_images).toEqual(['input-image-1.jpg'])
    const csv = readFileSync(join(dir, 'out', 'runs.csv'), 'utf8')
    expect(csv.split('\r\n')[0]).toContain(',input_images,')
    expect(csv.split('\r\n').find(line => line.startsWith(runId))).toContain(',input-image-1.jpg,')
  })
})

describe('a run with two pictures (fusion)', () => {
  it('copies both in order, tells the student they are fused, and hands both to the generator', async () => {
    const first = await uploadDrawing(student)
    const second = await uploadDrawing(student, await sharp(stickerSvg(400, 300)).png().toBuffer(), 'image/png')
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A house by the sea', input_images: [first, second], output: 'image_builtin', language: 'en' }, student)
    const run = await waitForRun(server, runId, candidate => ['completed', 'blocked', 'failed'].includes(candidate.status), 30_000, student)
    expect(run.status, JSON.stringify(run)).toBe('completed')
    expect(run.input_images.map(image => image.file)).toEqual(['input-image-1.jpg', 'input-image-2.png'])
    expect(run.interception_text).toMatch(/ Your 2 pictures are fused into one single picture through the eyes of “Bauhaus”\.$/)
    const metadata = readRunMetadata(server.dataDir, runId)
    expect(metadata.input_images.map(image => image.sha256)).toEqual([uploadRecord(first).sha256, uploadRecord(second).sha256])
    expect(metadata.input_images[1]).toMatchObject({ mime: 'image/png', width: 400, height: 300 })
    expect(metadata.stages.find(stage => stage.name === 'generation')!.detail).toMatchObject({ pictures: 2 })
  })
})

describe('pictures that are not the student\'s to use', () => {
  it('refuses another participant\'s upload and an expired one with the same sentence, and starts no run', async () => {
    const theirs = await uploadDrawing(other)
    const expired = await uploadDrawing(student)
    const recordFile = join(server.dataDir, 'uploads', expired, 'record.json')
    writeFileSync(recordFile, JSON.stringify({ ...uploadRecord(expired), expires_at: new Date(Date.now() - 1000).toISOString() }))
    const mine = await uploadDrawing(student)
    const before = runIdsOnDisk(server.dataDir)
    for (const ids of [[theirs], [mine, expired], [randomUUID()]]) {
      const response = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'A boat', input_images: ids, output: 'image_builtin' }, device: student })
      expectRefusal(response, 422, 'picture_gone')
      expect(response.body.message).toBe('That picture is no longer here — choose it again.')
      for (const id of ids) expect(JSON.stringify(response.body)).not.toContain(id)
    }
    expect(runIdsOnDisk(server.dataDir)).toEqual(before)
    expect(uploadRecord(theirs).used_by).toEqual([])
    expect(uploadRecord(mine).used_by).toEqual([])
  })

  it('refuses more than three pictures, the same picture twice, and no words without a picture', async () => {
    const id = await uploadDrawing(student)
    const refusal = async (body: Record<string, unknown>, field: string) => {
      const response = await api(server, '/api/runs', { body: { perspective: 'bauhaus', ...body }, device: student })
      expect(response.status, JSON.stringify(response.body)).toBe(400)
      expect(response.body.data.field).toBe(field)
      return response.body.message as string
    }
    expect(await refusal({ input_images: [id, id] }, 'input_images')).toMatch(/same picture twice/)
    expect(await refusal({ input_images: [1, 2, 3, 4].map(() => randomUUID()) }, 'input_images')).toMatch(/at most 3 pictures/)
    expect(await refusal({ input_text: '   ' }, 'input_text')).toMatch(/must not be empty/)
    expect(await refusal({}, 'input_text')).toMatch(/must not be empty/)
  })
})

describe('the run keeps its pictures', () => {
  it('generates after its upload was deleted', async () => {
    const uploadId = await uploadDrawing(student)
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A red house', input_images: [uploadId], language: 'en' }, student)
    const waiting = await waitForRun(server, runId, run => ['awaiting_output', 'blocked', 'failed'].includes(run.status), 30_000, student)
    expect(waiting.status, JSON.stringify(waiting)).toBe('awaiting_output')
    rmSync(join(server.dataDir, 'uploads', uploadId), { recursive: true, force: true })
    expect(existsSync(join(server.dataDir, 'uploads', uploadId))).toBe(false)
    const generate = await api(server, `/api/runs/${runId}/generate`, { body: { output: 'image_builtin' }, device: student })
    expect(generate.status, JSON.stringify(generate.body)).toBe(202)
    const run = await waitForRun(server, runId, candidate => ['completed', 'blocked', 'failed'].includes(candidate.status), 30_000, student)
    expect(run.status, JSON.stringify(run)).toBe('completed')
    expect((await fetchAs(run.input_images[0]!.url, student)).status).toBe(200)
    expect(readdirSync(runDir(server.dataDir, runId))).toContain('input-image-1.jpg')
  })
})

describe('outputs for a run with pictures', () => {
  it('offers only outputs that take the pictures and refuses another one with a sentence', async () => {
    const withPictures = await api(server, '/api/outputs?pictures=2', { device: student })
    const ids = withPictures.body.map((output: { id: string }) => output.id)
    expect(ids).toContain('image_builtin')
    expect(ids).not.toContain('audio_builtin')
    expect((await api(server, '/api/outputs', { device: student })).body.map((output: { id: string }) => output.id)).toContain('audio_builtin')
    expect((await api(server, '/api/outputs?pictures=7', { device: student })).status).toBe(400)

    const uploadId = await uploadDrawing(student)
    const before = runIdsOnDisk(server.dataDir)
    expectRefusal(await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'A song', input_images: [uploadId], output: 'audio_builtin' }, device: student }), 409, 'output_takes_no_pictures')
    expect(runIdsOnDisk(server.dataDir)).toEqual(before)

    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A song about a house', input_images: [uploadId], language: 'en' }, student)
    await waitForRun(server, runId, run => ['awaiting_output', 'blocked', 'failed'].includes(run.status), 30_000, student)
    expectRefusal(await api(server, `/api/runs/${runId}/generate`, { body: { output: 'audio_builtin' }, device: student }), 409, 'output_takes_no_pictures')
    expect(readRunMetadata(server.dataDir, runId).status).toBe('awaiting_output')
    // A media type stands for its default output that takes the pictures.
    expect((await api(server, `/api/runs/${runId}/generate`, { body: { output: 'image' }, device: student })).status).toBe(202)
    const generated = await waitForRun(server, runId, run => ['completed', 'blocked', 'failed'].includes(run.status), 30_000, student)
    expect(generated.output).toBe('image_builtin')
  })
})

describe('a session without pictures', () => {
  it('refuses a run with pictures with 403 and a sentence', async () => {
    const created = await api(server, '/api/admin/sessions', { body: { name: 'Words only', safety_level: 'kids' }, device: leader })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const device = new Device()
    expect((await api(server, '/api/join', { body: { code: created.body.join_code, language: 'en' }, device })).status).toBe(200)
    const uploadId = await uploadDrawing(device)
    const patched = await api(server, `/api/admin/sessions/${created.body.id}`, { method: 'PATCH', body: { picture_input: false }, device: leader })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    const before = runIdsOnDisk(server.dataDir)
    expectRefusal(await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'A tree', input_images: [uploadId], output: 'image_builtin' }, device }), 403, 'pictures_off')
    expect(runIdsOnDisk(server.dataDir)).toEqual(before)
  })
})
