import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, Device, ensureJoined, waitForRun } from '../support/api'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { createRun } from '../support/run-files'
import { startRedis, type TestRedis } from '../support/redis'
import { freePort, startExpectingExit, startServer, type TestServer } from '../support/server'

const PASSWORD = 'Sup3rSecretPassw0rd'

let server: TestServer
let leader: Device

beforeAll(async () => {
  // The interception backend is down, and its URL carries a user and password, as a school may configure it.
  const providers = {
    backends: [{ id: 'oa', type: 'openai', url: `http://bob:${PASSWORD}@127.0.0.1:${await freePort()}/v1`, concurrency: 1, timeout_s: 5, retries: 0 }],
    stages: { interception: { backend: 'oa', model: 'gpt-test' } },
  }
  server = await startServer({ env: { NUXT_PROVIDERS: JSON.stringify(providers), NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  leader = await signInAsLeader(server)
})
afterAll(() => server?.stop())

describe('a failed run', () => {
  it('tells the student a code and the child’s words, never the backend, its address or its password', async () => {
    const device = new Device()
    await ensureJoined(server, device)
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Haus am See', language: 'de' }, device)
    const view = await waitForRun(server, runId, run => run.status === 'failed', 30_000, device)
    expect(Object.keys(view.error!).sort()).toEqual(['child_message', 'code', 'retryable'])
    expect(view.error!.child_message.de).toMatch(/beschäftigt/)
    const student = JSON.stringify(view) + JSON.stringify((await api(server, '/api/my/runs', { device })).body)
    for (const secret of [PASSWORD, 'bob', '127.0.0.1', 'http://', 'could not be reached', 'oa failed']) expect(student).not.toContain(secret)
  })

  it('keeps the full reason for leaders, without the password in the URL, and the log never prints it', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Boot am See' })
    await waitForRun(server, runId, run => run.status === 'failed')
    const detail = (await api(server, `/api/admin/runs/${runId}`, { device: leader })).body
    expect(detail.run.error.message).toMatch(/^oa failed in interception: oa \(http:\/\/127\.0\.0\.1:\d+\/v1\) could not be reached/)
    expect(JSON.stringify(detail)).not.toContain(PASSWORD)
    expect(server.output()).not.toContain(PASSWORD)
  })
})

describe('a wrong Redis password', () => {
  let redis: TestRedis
  beforeAll(async () => { redis = await startRedis({ password: 'the-right-one' }) })
  afterAll(() => redis?.stop())

  it('is not printed by the Redis client or by us when the server cannot start', async () => {
    const url = `redis://:${PASSWORD}@127.0.0.1:${redis.port}/0`
    const { code, output } = await startExpectingExit({ env: { NUXT_REDIS_URL: url }, timeoutMs: 20_000 })
    expect(code, output).not.toBe(0)
    expect(output).toMatch(/WRONGPASS|NOAUTH|password/i)
    expect(output).not.toContain(PASSWORD)
  })
})
