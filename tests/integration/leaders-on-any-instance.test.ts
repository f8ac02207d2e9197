import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_ADMIN_PASSWORD, signInAsLeader } from '../support/admin'
import { api, Device, ensureJoined, waitForRun } from '../support/api'
import { startRedis, type TestRedis } from '../support/redis'
import { createRun } from '../support/run-files'
import { startS3, type TestS3 } from '../support/s3'
import { makeTempDir, startServer, type TestServer } from '../support/server'

// Behind a load balancer a leader's requests land on any instance. Two instances on two data dirs
// (as on two machines) share Redis and a bucket: signing in and out (the session records are
// documents in Redis), the sign-in limits and an export's progress must not depend on which instance answers.

let redis: TestRedis
let s3: TestS3
let a: TestServer
let b: TestServer

beforeAll(async () => {
  redis = await startRedis()
  s3 = await startS3(['media'])
  const env = {
    NUXT_REDIS_URL: redis.url, NUXT_REDIS_PREFIX: 'leaders', NUXT_HEARTBEAT_SECONDS: '1', NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    ...s3.serverEnv('media'),
  }
  // At the same moment, as after a deploy.
  ;[a, b] = await Promise.all([startServer({ dataDir: makeTempDir(), env }), startServer({ dataDir: makeTempDir(), env })])
})

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await s3?.stop()
  await redis?.stop()
})

describe('a course leader on two instances sharing Redis', () => {
  it('signed in on A is signed in on B, and signed out on both after signing out on B', async () => {
    const leader = await signInAsLeader(a)
    expect((await api(b, '/api/admin/me', { device: leader })).status).toBe(200)
    expect((await api(b, '/api/admin/logout', { method: 'POST', device: leader })).status).toBeLessThan(300)
    expect((await api(a, '/api/admin/me', { device: leader })).status).toBe(401)
  })

  it('signed out everywhere on B, every session signed in on A has ended', async () => {
    const [laptop, ipad] = [await signInAsLeader(a), await signInAsLeader(a)]
    expect((await api(b, '/api/admin/me/sessions', { method: 'DELETE', device: ipad })).status).toBe(204)
    for (const server of [a, b]) expect((await api(server, '/api/admin/me', { device: laptop })).status).toBe(401)
  })

  it('shows on B the progress of an export A streamed', async () => {
    const device = new Device()
    await ensureJoined(a, device)
    const runId = await createRun(a, { perspective: 'bauhaus', input_text: 'ein rotes Quadrat', output: 'image_builtin' }, device)
    await waitForRun(a, runId, run => run.status === 'completed', 60_000, device)
    const leader = await signInAsLeader(b, 'admin')
    const exportId = crypto.randomUUID()
    const download = await fetch(`${a.url}/api/admin/export?ids=${runId}&export_id=${exportId}`, { headers: { cookie: leader.cookieHeader } })
    expect(download.status).toBe(200)
    await download.arrayBuffer()
    const progress = await api(b, `/api/admin/exports/${exportId}`, { device: leader })
    expect(progress.status).toBe(200)
    expect(progress.body).toMatchObject({ export_id: exportId, status: 'done', runs_total: 1, runs_done: 1 })
    expect((await api(a, `/api/admin/exports/${crypto.randomUUID()}`, { device: leader })).status).toBe(404)
  })

  // Last: the failures block this machine's address (127.0.0.1) for the name `guesser` for 15 minutes.
  it('counts failed sign-ins on both instances together: the sixth from this address is refused wherever it lands', async () => {
    const tries: number[] = []
    for (let i = 0; i < 5; i++) {
      tries.push((await api(i % 2 ? b : a, '/api/admin/login', { body: { name: 'guesser', password: `wrong-${i}` } })).status)
    }
    expect(tries).toEqual([401, 401, 401, 401, 401])
    for (const server of [a, b]) {
      const refused = await api(server, '/api/admin/login', { body: { name: 'guesser', password: 'wrong again' } })
      expect(refused.status).toBe(429)
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    }
  })
})
