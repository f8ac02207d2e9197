import { rmSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, type Device, waitForRun } from '../support/api'
import { rawRequest } from '../support/raw-http'
import { startRedis, type TestRedis } from '../support/redis'
import { createRun, runDir } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'

// Media and status polls of a student's own runs are answered from memory: these tests show that
// memory never outlives a change to the run (hide, delete, generate, another instance's change).

const thumbnailOf = async (server: TestServer, runId: string) =>
  (await api(server, `/api/runs/${runId}`)).body.outputs[0].thumbnail_url as string

describe('one instance', () => {
  let server: TestServer
  let leader: Device

  beforeAll(async () => {
    server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
    leader = await signInAsLeader(server)
  })

  afterAll(async () => {
    await server?.stop()
  })

  async function completedRun() {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Boot auf dem See', output: 'image_builtin' })
    expect((await waitForRun(server, runId)).status).toBe('completed')
    return runId
  }

  it('answers a poll whose ETag still holds with 304 without reading the run from storage', async () => {
    const runId = await completedRun()
    const first = await rawRequest(server, `/api/runs/${runId}`)
    expect(first.status).toBe(200)
    // Behind the server's back: a poll that read storage could no longer answer.
    rmSync(join(runDir(server.dataDir, runId), 'metadata.json'))
    const again = await rawRequest(server, `/api/runs/${runId}`, { headers: { 'if-none-match': first.headers.etag as string } })
    expect(again.status).toBe(304)
    expect(again.headers.etag).toBe(first.headers.etag)
  })

  it('stops serving a picture and its status the moment a leader hides the run, and serves them again after unhiding', async () => {
    const runId = await completedRun()
    const thumbnail = await thumbnailOf(server, runId)
    const poll = await rawRequest(server, `/api/runs/${runId}`)
    expect((await rawRequest(server, thumbnail)).status).toBe(200)

    expect((await api(server, `/api/admin/runs/${runId}/hide`, { body: {}, device: leader })).status).toBe(200)
    expect((await rawRequest(server, thumbnail)).status).toBe(404)
    expect((await rawRequest(server, `/api/runs/${runId}`, { headers: { 'if-none-match': poll.headers.etag as string } })).status).toBe(404)

    expect((await api(server, `/api/admin/runs/${runId}/unhide`, { body: {}, device: leader })).status).toBe(200)
    expect((await rawRequest(server, thumbnail)).status).toBe(200)
  })

  it('answers 404 for the media of a deleted run', async () => {
    const runId = await completedRun()
    const thumbnail = await thumbnailOf(server, runId)
    expect((await rawRequest(server, thumbnail)).status).toBe(200)
    const deleted = await api(server, `/api/admin/runs/${runId}`, { method: 'DELETE', body: { reason: 'test' }, device: leader })
    expect(deleted.status).toBe(204)
    expect((await rawRequest(server, thumbnail)).status).toBe(404)
    expect((await rawRequest(server, `/api/runs/${runId}`)).status).toBe(404)
  })

  it('answers a poll with the new status once the run moved on, though the client sends the old ETag', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Boot auf dem See' })
    expect((await waitForRun(server, runId)).status).toBe('awaiting_output')
    const waiting = await rawRequest(server, `/api/runs/${runId}`)
    const etag = waiting.headers.etag as string
    expect((await rawRequest(server, `/api/runs/${runId}`, { headers: { 'if-none-match': etag } })).status).toBe(304)
    expect((await api(server, `/api/runs/${runId}/generate`, { body: { output: 'image_builtin' } })).status).toBe(202)
    expect((await waitForRun(server, runId)).status).toBe('completed')
    const moved = await rawRequest(server, `/api/runs/${runId}`, { headers: { 'if-none-match': etag } })
    expect(moved.status).toBe(200)
    expect(JSON.parse(moved.body.toString('utf8')).status).toBe('completed')
  })

  it('serves nothing from memory to another device', async () => {
    const runId = await completedRun()
    const thumbnail = await thumbnailOf(server, runId)
    const stranger = await fetch(`${server.url}${thumbnail}`, { headers: { cookie: 'ai4a_participant=00000000-0000-4000-8000-000000000000' } })
    expect(stranger.status).toBe(404)
    const strangerSized = await fetch(`${server.url}${thumbnail}?w=512`, { headers: { cookie: 'ai4a_participant=00000000-0000-4000-8000-000000000000' } })
    expect(strangerSized.status).toBe(404)
  })

  it('serves a thumbnail at the widths srcset asks for, the wide ones made from the picture, each with its own ETag', async () => {
    const runId = await completedRun()
    const view = (await api(server, `/api/runs/${runId}`)).body
    const thumbnail = view.outputs[0].thumbnail_url as string
    const widthOf = async (path: string) => {
      const answer = await rawRequest(server, path)
      expect([answer.status, answer.headers['content-type']], path).toEqual([200, 'image/webp'])
      return { width: (await sharp(answer.body).metadata()).width, etag: answer.headers.etag as string }
    }
    const stored = await widthOf(thumbnail)
    const small = await widthOf(`${thumbnail}?w=128`)
    const large = await widthOf(`${thumbnail}?w=512`)
    expect([stored.width, small.width, large.width]).toEqual([256, 128, Math.min(512, view.outputs[0].width)])
    expect(new Set([stored.etag, small.etag, large.etag]).size).toBe(3)
    expect((await rawRequest(server, `${thumbnail}?w=512`, { headers: { 'if-none-match': large.etag } })).status).toBe(304)

    const odd = await api(server, `${thumbnail}?w=300`)
    expect([odd.status, odd.body.statusMessage]).toEqual([400, 'A thumbnail comes 128, 512, 768 or 256 (without w) pixels wide'])
    expect((await api(server, `/api/admin/runs/${runId}/hide`, { body: {}, device: leader })).status).toBe(200)
    expect((await rawRequest(server, `${thumbnail}?w=512`)).status).toBe(404)
    // A leader still sees a hidden run, at every width.
    expect((await api(server, `${thumbnail}?w=128`, { device: leader })).status).toBe(200)
  })
})

describe('two instances with Redis', () => {
  let redis: TestRedis
  let first: TestServer
  let second: TestServer

  beforeAll(async () => {
    redis = await startRedis()
    const env = { NUXT_REDIS_URL: redis.url, NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, NUXT_SESSION_PASSWORD: 'a-shared-cookie-secret-of-32-chars!!' }
    const dataDir = makeTempDir()
    first = await startServer({ dataDir, env })
    second = await startServer({ dataDir, env })
  })

  afterAll(async () => {
    await first?.stop()
    await second?.stop()
    await redis?.stop()
  })

  it('stops serving a picture on one instance when a leader hides the run on the other', async () => {
    const runId = await createRun(first, { perspective: 'bauhaus', input_text: 'Ein Boot auf dem See', output: 'image_builtin' })
    expect((await waitForRun(first, runId)).status).toBe('completed')
    const thumbnail = await thumbnailOf(first, runId)
    expect((await rawRequest(first, thumbnail)).status).toBe(200)
    const leader = await signInAsLeader(second)
    expect((await api(second, `/api/admin/runs/${runId}/hide`, { body: {}, device: leader })).status).toBe(200)
    // The change reaches the first instance as a Redis event: a few milliseconds, but eventual, so
    // the deadline is for a lost event, not for a busy machine.
    await expect.poll(async () => (await rawRequest(first, thumbnail)).status, { timeout: 15_000, interval: 20 }).toBe(404)
  })
})
