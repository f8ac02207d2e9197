import { createHash } from 'node:crypto'
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { api, Device, ensureJoined, healthDetails, waitForRun } from '../support/api'
import { readRunMetadataFromRedis, startRedis, type TestRedis } from '../support/redis'
import { createRun } from '../support/run-files'
import { startS3, type TestS3 } from '../support/s3'
import { makeTempDir, startServer, type TestServer } from '../support/server'
import { HELD_OUTPUT, startHeldImages } from '../support/held-images'

// The school's old system lost pictures because two servers wrote to two folders. Here two
// instances on two ports (and two data dirs, as on two machines) share one Redis and one bucket:
// whatever one makes, the other serves.

let redis: TestRedis
let s3: TestS3
const running: TestServer[] = []

beforeAll(async () => {
  redis = await startRedis()
  s3 = await startS3(['media-shared', 'media-killed'])
})

afterEach(async () => {
  await Promise.all(running.splice(0).map(server => server.stop()))
})

afterAll(async () => {
  await s3?.stop()
  await redis?.stop()
})

/** One instance of a deployment that shares Redis (documents, queue, registry) and a bucket (media). */
async function instance(prefix: string, bucket: string | null, env: Record<string, string> = {}): Promise<TestServer> {
  const s3Env = bucket ? s3.serverEnv(bucket) : {}
  const server = await startServer({
    dataDir: makeTempDir(),
    env: { NUXT_REDIS_URL: redis.url, NUXT_REDIS_PREFIX: prefix, NUXT_HEARTBEAT_SECONDS: '1', ...s3Env, ...env },
  })
  running.push(server)
  return server
}

const health = (server: TestServer) => healthDetails(server)

describe('two instances sharing Redis and a bucket', () => {
  it('serve each other’s runs and media: 20 runs made alternately on A and B, polled and fetched on the other, zero 404s', async () => {
    const [a, b] = [await instance('shared', 'media-shared'), await instance('shared', 'media-shared')]
    const [healthA, healthB] = [await health(a), await health(b)]
    expect(healthA.storage.id).toBe(healthB.storage.id)
    expect(healthA.storage.driver).toBe('s3')
    expect(healthA.queue.driver).toBe('bullmq')
    expect(healthA.storage_conflict).toBe(false)
    expect(healthB.instances.map((record: { id: string }) => record.id).sort()).toEqual([healthA.instance.id, healthB.instance.id].sort())

    // One iPad: it joins on A; its cookie means the same participant on B.
    const device = new Device()
    await ensureJoined(a, device)
    const made: { runId: string, maker: TestServer, other: TestServer }[] = []
    for (let i = 0; i < 20; i++) {
      const [maker, other] = i % 2 === 0 ? [a, b] : [b, a]
      const runId = await createRun(maker, { perspective: 'bauhaus', input_text: `Haus Nummer ${i}`, output: i % 4 === 3 ? 'audio_builtin' : 'image_builtin' }, device)
      made.push({ runId, maker, other })
    }
    const statuses: number[] = []
    const workers = new Set<string>()
    for (const { runId, other } of made) {
      const view = await waitForRun(other, runId, run => run.status === 'completed' || run.status === 'failed', 60_000, device)
      expect(view.status, runId).toBe('completed')
      for (const output of view.outputs) {
        for (const url of [output.url, output.thumbnail_url].filter(Boolean) as string[]) {
          const response = await fetch(`${other.url}${url}`, { headers: { cookie: device.cookieHeader } })
          statuses.push(response.status)
          await response.arrayBuffer()
        }
      }
      workers.add((await readRunMetadataFromRedis(redis.url, 'shared', runId)).instance_id!)
    }
    expect(statuses.filter(status => status === 404)).toEqual([])
    expect(statuses).toHaveLength(40)
    expect(new Set(statuses)).toEqual(new Set([200]))
    // Any instance takes any job: both did some of the work.
    expect(workers.size).toBe(2)
    // The gallery on either instance lists all 20.
    expect((await api(b, '/api/my/runs?limit=60', { device })).body.total).toBe(20)
  })

  it('finishes the run of an instance killed mid-run on the other within the stall timeout, with nothing half-written', async () => {
    const images = await startHeldImages()
    onTestFinished(() => images.close())
    const env = { ...images.env, NUXT_STALL_TIMEOUT_SECONDS: '3' }
    const [a, b] = [await instance('killed', 'media-killed', env), await instance('killed', 'media-killed', env)]
    const device = new Device()
    const runId = await createRun(a, { perspective: 'bauhaus', input_text: 'Ein großes Schloss', output: HELD_OUTPUT }, device)
    await expect.poll(() => images.held, { timeout: 30_000 }).toBe(1)
    const holderId = (await readRunMetadataFromRedis(redis.url, 'killed', runId)).instance_id
    const [holder, survivor] = holderId === (await health(a)).instance.id ? [a, b] : [b, a]
    const killedAt = Date.now()
    await holder.kill()
    running.splice(running.indexOf(holder), 1)
    images.release()

    const view = await waitForRun(survivor, runId, run => run.status === 'completed' || run.status === 'failed', 60_000, device)
    const tookOverMs = Date.now() - killedAt
    expect(view.status).toBe('completed')
    const run = await readRunMetadataFromRedis(redis.url, 'killed', runId)
    expect(run).toMatchObject({ attempts: 2, instance_id: (await health(survivor)).instance.id })
    // Stall timeout (3 s) plus one picture: well under 30 s on a busy machine.
    expect(tookOverMs).toBeLessThan(30_000)
    // Exactly the files the metadata names, each with the bytes it records.
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: 'media-killed', Prefix: `${runId}/` }))
    const names = (listed.Contents ?? []).map(object => object.Key!.slice(runId.length + 1)).sort()
    expect(names).toEqual([run.outputs[0]!.filename, run.outputs[0]!.thumbnail!].sort())
    const image = await s3.client.send(new GetObjectCommand({ Bucket: 'media-killed', Key: `${runId}/${run.outputs[0]!.filename}` }))
    const bytes = Buffer.from(await image.Body!.transformToByteArray())
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(run.outputs[0]!.sha256)
  })
})

describe('split storage', () => {
  it('two instances with different data dirs sharing Redis both report the conflict, naming both locations', async () => {
    const [a, b] = [await instance('split', null), await instance('split', null)]
    for (const server of [a, b]) {
      const answer = await health(server)
      expect(answer.storage_conflict).toBe(true)
      expect(answer.conflicts).toHaveLength(1)
      expect(answer.conflicts[0].reason).toBe('shared_queue')
      expect(answer.conflicts[0].message).toContain(a.dataDir)
      expect(answer.conflicts[0].message).toContain(b.dataDir)
    }
    await expect.poll(() => a.output() + b.output(), { timeout: 10_000 }).toContain('STORAGE CONFLICT')
  })
})
