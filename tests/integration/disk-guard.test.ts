import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, Device, ensureJoined } from '../support/api'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { startServer, type TestServer } from '../support/server'
import { drawing } from '../support/test-pictures'
import { upload } from '../support/uploads'

// A floor far above any real disk's free space: the guard triggers without filling anything.
const FLOOR_MB = 1_000_000_000

let server: TestServer
let leader: Device

beforeAll(async () => {
  server = await startServer({ env: { NUXT_MIN_FREE_DISK_MB: String(FLOOR_MB), NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  leader = await signInAsLeader(server)
})
afterAll(() => server?.stop())

describe('the disk guard', () => {
  it('refuses new runs with 507 and a sentence when free space is below the floor, and stores nothing', async () => {
    const device = new Device()
    await ensureJoined(server, device)
    const response = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'Ein Haus' }, device })
    expect(response.status).toBe(507)
    expect(response.body.statusMessage).toMatch(/^The server's disk is almost full \(\d+ MB free, at least \d+ MB needed\), so nothing new can start\. Tell your course leader\.$/)
    expect(response.body.data.reason).toBe('disk_full')
    const runs = join(server.dataDir, 'runs')
    expect(existsSync(runs) ? readdirSync(runs) : []).toEqual([])
  })

  it('refuses uploads with 507 too, and stores no picture', async () => {
    const device = new Device()
    await ensureJoined(server, device)
    const response = await upload(server, { data: await drawing('jpeg') }, device)
    expect(response.status).toBe(507)
    expect(response.body.data.reason).toBe('disk_full')
    const uploads = join(server.dataDir, 'uploads')
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([])
  })

  it('shows leaders the disk use and the floor on the instances page', async () => {
    const { body } = await api(server, '/api/admin/instances', { device: leader })
    expect(body.disk).toMatchObject({ path: expect.any(String), below_floor: true, floor_bytes: FLOOR_MB * 1024 * 1024 })
    expect(body.disk.free_bytes).toBeGreaterThan(0)
    expect(body.disk.total_bytes).toBeGreaterThanOrEqual(body.disk.free_bytes)
  })
})
