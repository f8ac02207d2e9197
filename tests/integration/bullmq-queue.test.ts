import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { api, healthDetails, waitForRun } from '../support/api'
import { readRunMetadataFromRedis, startRedis, type TestRedis } from '../support/redis'
import { createRun } from '../support/run-files'
import { freePort, makeTempDir, startExpectingExit, startServer, type TestServer } from '../support/server'
import { HELD_OUTPUT, type HeldImages, startHeldImages } from '../support/held-images'

/** Two instances on one data dir and one Redis, and a held run in its generation on one of them (`holder`). */
async function slowRunOnTwoInstances(dataDir: string, env: Record<string, string>) {
  const metadata = (runId: string) => readRunMetadataFromRedis(redis.url, env.NUXT_REDIS_PREFIX!, runId)
  const servers: TestServer[] = [await startServer({ dataDir, env }), await startServer({ dataDir, env })]
  const ids = await Promise.all(servers.map(async server => (await healthDetails(server)).instance.id as string))
  const runId = await createRun(servers[0]!, { perspective: 'bauhaus', input_text: 'Ein großes Schloss', output: HELD_OUTPUT })
  await expect.poll(() => images.held, { timeout: 20_000 }).toBe(1)
  expect((await metadata(runId)).status).toBe('running')
  // Either instance may have taken the job.
  const holder = ids.indexOf((await metadata(runId)).instance_id!)
  expect(holder).not.toBe(-1)
  return { servers, ids, runId, holder, metadata }
}

let redis: TestRedis
let images: HeldImages
beforeAll(async () => { redis = await startRedis() })
afterEach(() => images?.close())
afterAll(async () => { await redis?.stop() })

describe('runs through BullMQ when NUXT_REDIS_URL is set', () => {
  it('completes a run through the Redis queue, and /api/health names the bullmq driver', async () => {
    const server = await startServer({ env: { NUXT_REDIS_URL: redis.url, NUXT_REDIS_PREFIX: 'one', NUXT_STALL_TIMEOUT_SECONDS: '2' } })
    try {
      const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Haus am See', output: 'image_builtin' })
      expect((await waitForRun(server, runId)).status).toBe('completed')
      const client = new Redis(redis.url)
      // The queue lives in Redis under the prefix, and a finished job leaves nothing behind. The
      // run reads completed as soon as its handler wrote it; BullMQ removes the job only after
      // the handler has returned, one more round trip to Redis later: so wait for it.
      expect(await client.exists('one:one-runs:meta')).toBe(1)
      await expect.poll(() => client.keys(`one:one-runs:${runId}*`)).toEqual([])
      client.disconnect()
      await expect.poll(async () => (await healthDetails(server)).queue).toEqual({ driver: 'bullmq', waiting: 0, active: 0 })
    }
    finally {
      await server.stop()
    }
  })

  it('finishes the run of an instance killed mid-run on another instance within the stall timeout', async () => {
    images = await startHeldImages()
    const dataDir = makeTempDir()
    const env = { ...images.env, NUXT_REDIS_URL: redis.url, NUXT_REDIS_PREFIX: 'two', NUXT_STALL_TIMEOUT_SECONDS: '2' }
    const { servers, ids, runId, holder, metadata } = await slowRunOnTwoInstances(dataDir, env)
    try {
      const survivor = servers[1 - holder]!
      await servers[holder]!.kill()
      const killed = Date.now()
      images.release()
      await waitForRun(survivor, runId, run => run.status === 'completed' || run.status === 'failed', 30_000)
      console.info(`[bullmq integration] run of a SIGKILLed instance finished on the other ${Date.now() - killed} ms after the kill (stall timeout 2 s)`)
      expect(await metadata(runId)).toMatchObject({ status: 'completed', attempts: 2, instance_id: ids[1 - holder] })
    }
    finally {
      await Promise.all(servers.map(server => server.stop()))
    }
  })

  it('hands a running job to the other instance at SIGTERM, without waiting for the stall timeout', async () => {
    images = await startHeldImages()
    const dataDir = makeTempDir()
    const env = { ...images.env, NUXT_REDIS_URL: redis.url, NUXT_REDIS_PREFIX: 'three', NUXT_STALL_TIMEOUT_SECONDS: '60', NUXT_SHUTDOWN_TIMEOUT_SECONDS: '0' }
    const { servers, ids, runId, holder, metadata } = await slowRunOnTwoInstances(dataDir, env)
    try {
      const survivor = servers[1 - holder]!
      const stopped = Date.now()
      await servers[holder]!.stop()
      images.release()
      await waitForRun(survivor, runId, run => run.status === 'completed' || run.status === 'failed', 30_000)
      console.info(`[bullmq integration] run handed back at SIGTERM finished on the other ${Date.now() - stopped} ms later`)
      expect(await metadata(runId)).toMatchObject({ status: 'completed', attempts: 2, instance_id: ids[1 - holder] })
    }
    finally {
      await Promise.all(servers.map(server => server.stop()))
    }
  })

  it('refuses to start when Redis cannot be reached, naming it without the password', async () => {
    const redisPort = await freePort()
    const { code, output } = await startExpectingExit({ env: { NUXT_REDIS_URL: `redis://:pa55word@127.0.0.1:${redisPort}/0` } })
    expect(code).toBe(1)
    expect(output).toContain(`refusing to start: Redis at redis://127.0.0.1:${redisPort}/0 (NUXT_REDIS_URL) cannot be reached`)
    expect(output).not.toContain('pa55word')
  })
})
