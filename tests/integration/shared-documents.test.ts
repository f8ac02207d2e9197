import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdminRunRow } from '#shared/admin-views'
import { api, Device, waitForRun } from '../support/api'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { startRedis, type TestRedis } from '../support/redis'
import { createRun } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'

const env = { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }

const listed = async (server: TestServer, leader: Device) => {
  const response = await api<{ runs: AdminRunRow[], total: number }>(server, '/api/admin/runs', { device: leader })
  expect(response.status).toBe(200)
  return response.body.runs
}

describe('two instances on one data dir, no Redis', () => {
  let a: TestServer
  let b: TestServer
  beforeAll(async () => {
    a = await startServer({ env })
    b = await startServer({ env, dataDir: a.dataDir })
  })
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
  })

  // B reads the shared index log every second: eventual, so the polls wait far longer than that
  // (a deadline for a lost line, not for a busy machine); the log line says how long it took.
  it('a run created on A is in B\'s run browser soon, and its changes follow', async () => {
    const leader = await signInAsLeader(b)
    const student = new Device()
    const runId = await createRun(a, { perspective: 'bauhaus', input_text: 'Ein Schiff aus Papier' }, student)
    const started = Date.now()
    await expect.poll(async () => (await listed(b, leader)).map(row => row.run_id), { timeout: 20_000, interval: 50, message: 'run not listed by B' }).toContain(runId)
    console.info(`[measure] run created on A listed by B after ${Date.now() - started} ms`)
    const done = await waitForRun(a, runId, undefined, 30_000, student)
    await expect.poll(async () => (await listed(b, leader)).find(row => row.run_id === runId)?.status, { timeout: 20_000, interval: 100, message: `B did not see status ${done.status}` }).toBe(done.status)
  })
})

describe('one instance with documents in Redis', () => {
  let redis: TestRedis
  let client: Redis
  let server: TestServer
  const dataDir = makeTempDir()
  const redisEnv = () => ({ ...env, NUXT_REDIS_URL: redis.url, NUXT_REDIS_PREFIX: 'it' })
  beforeAll(async () => {
    redis = await startRedis()
    client = new Redis(redis.url)
    server = await startServer({ env: redisEnv(), dataDir })
  })
  afterAll(async () => {
    await server?.stop()
    client?.disconnect()
    await redis?.stop()
  })

  it('keeps run metadata in Redis, media in the blob store, and lists the run again after a restart', async () => {
    const student = new Device()
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Bild von Äpfeln', output: 'image' }, student)
    const done = await waitForRun(server, runId, run => run.status === 'completed', 30_000, student)
    expect(done.status).toBe('completed')
    const metadata = JSON.parse((await client.get(`it:runs:${runId}:metadata.json`))!)
    expect(metadata).toMatchObject({ run_id: runId, status: 'completed' })
    expect(existsSync(join(dataDir, 'runs', runId, 'metadata.json'))).toBe(false)
    expect(readdirSync(join(dataDir, 'runs', runId)).some(name => name.startsWith('output-image.'))).toBe(true)
    expect(await client.keys('it:leaders:*')).not.toEqual([])
    let leader = await signInAsLeader(server)
    expect((await listed(server, leader)).map(row => row.run_id)).toEqual([runId])

    await server.stop()
    server = await startServer({ env: redisEnv(), dataDir })
    // Health answers before the index is built; the rebuild logs when it is done.
    await expect.poll(() => server.output(), { timeout: 10_000, interval: 50 }).toMatch(/run index built from the run documents: 1 runs/)
    expect(existsSync(join(dataDir, 'index', 'runs.jsonl'))).toBe(false)
    leader = await signInAsLeader(server)
    expect((await listed(server, leader)).map(row => [row.run_id, row.status])).toEqual([[runId, 'completed']])
    const media = await fetch(`${server.url}${(await listed(server, leader))[0]!.media_url}`, { headers: { cookie: leader.cookieHeader } })
    expect(media.status).toBe(200)
  })
})
