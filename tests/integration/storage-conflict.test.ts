import { realpathSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, healthDetails } from '../support/api'
import { freePort, makeTempDir, startServer, type TestServer } from '../support/server'

/**
 * The school's old bug without Redis: production (A) at the public address, a development server (B)
 * on another data dir that believes it is reached there too. B asks the public address 5 s after start.
 */
let a: TestServer
let b: TestServer
let lost: TestServer
let startedAt: number

beforeAll(async () => {
  const portA = await freePort()
  const urlA = `http://127.0.0.1:${portA}`
  const env = { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }
  a = await startServer({ port: portA, env: { ...env, NUXT_PUBLIC_URL: urlA } })
  ;[b, lost] = await Promise.all([
    startServer({ env: { ...env, NUXT_PUBLIC_URL: `${urlA}/` } }),
    startServer({ env: { NUXT_PUBLIC_URL: `http://127.0.0.1:${await freePort()}` } }),
  ])
  startedAt = Date.now()
})
afterAll(() => Promise.all([a?.stop(), b?.stop(), lost?.stop()]))

const health = (server: TestServer) => healthDetails(server)

async function waitForCheck(server: TestServer) {
  // The first look comes 5 s after start; the deadline is for a look that never comes, not for a busy machine.
  await expect.poll(async () => (await health(server)).public_url_check, { timeout: 30_000, interval: 250 }).not.toBeNull()
  return health(server)
}

it('reports on the development server that the public address stores elsewhere, naming both data dirs', async () => {
  const answer = await waitForCheck(b)
  // B asks 5 s after its start, which was before it answered health.
  const seenAfterMs = Date.now() - startedAt
  console.info(`[storage-conflict] B reported the conflict ${seenAfterMs} ms after it was healthy`)
  // The first look, not the one every 60 s after it.
  expect(seenAfterMs).toBeLessThan(30_000)
  expect(answer.status).toBe('ok')
  expect(answer.storage_conflict).toBe(true)
  expect(answer.public_url_check).toMatchObject({ ok: true, error: null, url: `${a.url}/api/health` })
  expect(answer.conflicts).toHaveLength(1)
  const [conflict] = answer.conflicts
  expect(conflict.reason).toBe('shared_public_url')
  expect(conflict.message).toContain(realpathSync(a.dataDir))
  expect(conflict.message).toContain(realpathSync(b.dataDir))
  expect(conflict.message).toContain(`:${a.port}`)
  expect(conflict.message).toContain(`:${b.port}`)
  expect(conflict.instances.map((instance: { id: string }) => instance.id)).toEqual([answer.instance.id, (await health(a)).instance.id])
  // Announced after the check is stored (the instances are listed first), and the log arrives through a pipe.
  await expect.poll(() => b.output()).toMatch(/STORAGE CONFLICT: .*/)
  expect(b.output().match(/STORAGE CONFLICT/g)).toHaveLength(1)
})

it('finds no conflict on the instance that answers at its own public address', async () => {
  const answer = await waitForCheck(a)
  expect(answer).toMatchObject({ storage_conflict: false, conflicts: [], public_url_check: { ok: true } })
  expect(a.output()).not.toContain('STORAGE CONFLICT')
})

it('notes an unreachable public address without calling it a conflict', async () => {
  const answer = await waitForCheck(lost)
  expect(answer.storage_conflict).toBe(false)
  expect(answer.public_url_check).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) })
})

it('lists the instances and the conflict for leaders at /api/admin/instances', async () => {
  await waitForCheck(b)
  const leader = await signInAsLeader(b)
  const response = await api(b, '/api/admin/instances', { device: leader })
  expect(response.status).toBe(200)
  expect(response.body.instances).toEqual([expect.objectContaining({
    port: b.port, public_url: a.url, storage: expect.objectContaining({ data_dir: realpathSync(b.dataDir) }),
  })])
  expect(response.body.conflicts).toHaveLength(1)
  expect(response.body.storage_conflict).toBe(true)
  expect((await api(b, '/api/admin/instances')).status).toBe(401)
})
