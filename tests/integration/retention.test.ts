import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, Device, ensureJoined, waitForRun } from '../support/api'
import { makeTempDir, startServer, type TestServer } from '../support/server'

const env = { NUXT_ADMIN_PASSWORD: 'test-password-123' }
const DAY = 24 * 60 * 60 * 1000
const FOREVER_CODE = 'KEEP42'

let server: TestServer
const dataDir = makeTempDir()
const runFolder = (runId: string) => join(dataDir, 'runs', runId)

/** Local until the shared sign-in helper lands: a leader's cookie jar, signed in as the first leader. */
async function signInAsLeader(target: TestServer): Promise<Device> {
  const leader = new Device()
  const response = await api(target, '/api/admin/login', { body: { name: 'admin', password: 'test-password-123' }, device: leader })
  if (response.status !== 200) throw new Error(`Sign-in failed with ${response.status}: ${JSON.stringify(response.body)}`)
  return leader
}

/** A session whose runs are kept for ever, written where the session store keeps it (no admin route needed). */
function seedForeverSession() {
  const now = new Date().toISOString()
  mkdirSync(join(dataDir, 'sessions'), { recursive: true })
  mkdirSync(join(dataDir, 'join-codes'), { recursive: true })
  writeFileSync(join(dataDir, 'sessions', 's-forever.json'), JSON.stringify({
    id: 's-forever', name: 'Archive class', join_code: FOREVER_CODE, safety_level: 'kids', perspectives: null, outputs: null,
    limits: { runs_per_hour: null, runs_in_progress: null }, open: true, archived: false, retention: 'forever',
    created_at: now, updated_at: now, created_by: 'admin',
  }))
  writeFileSync(join(dataDir, 'join-codes', FOREVER_CODE), 's-forever')
}

/** Ages a run on disk: what the run looks like after `days` days in storage. */
function age(runId: string, days: number) {
  const file = join(runFolder(runId), 'metadata.json')
  const run = JSON.parse(readFileSync(file, 'utf8'))
  run.created_at = new Date(Date.now() - days * DAY).toISOString()
  writeFileSync(file, JSON.stringify(run, null, 2))
}

function auditEntries(): { action: string, actor: string, run_id: string | null, detail?: Record<string, unknown> }[] {
  const root = join(dataDir, 'audit')
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.json'))
    .map(file => JSON.parse(readFileSync(join(root, file), 'utf8')))
}

async function createRun(device: Device, text: string) {
  await ensureJoined(server, device)
  const { status, body } = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: text }, device })
  expect(status).toBe(202)
  await waitForRun(server, body.run_id, undefined, 30_000, device)
  return body.run_id as string
}

const ids = { oldStudio: [] as string[], youngStudio: '', oldForever: '' }

beforeAll(async () => {
  seedForeverSession()
  server = await startServer({ dataDir, env })
  const studioStudent = new Device()
  const archiveStudent = new Device()
  expect((await api(server, '/api/join', { body: {}, device: studioStudent })).status).toBe(200)
  expect((await api(server, '/api/join', { body: { code: FOREVER_CODE }, device: archiveStudent })).status).toBe(200)
  ids.oldStudio = [await createRun(studioStudent, 'Ein altes Haus'), await createRun(studioStudent, 'Ein alter Baum')]
  ids.youngStudio = await createRun(studioStudent, 'Ein neues Haus')
  ids.oldForever = await createRun(archiveStudent, 'Ein Haus für immer')
  await server.stop()
  for (const id of ids.oldStudio) age(id, 40)
  age(ids.youngStudio, 10)
  age(ids.oldForever, 400)
  // The run index would keep the old dates: without its file the restarted server rebuilds it from the edited folders.
  rmSync(join(dataDir, 'index'), { recursive: true, force: true })
  server = await startServer({ dataDir, env })
}, 120_000)

afterAll(() => server?.stop())

describe('retention', () => {
  it('answers 401 to anyone who is not a signed-in leader', async () => {
    const anonymous = new Device()
    expect((await api(server, '/api/admin/retention', { device: anonymous })).status).toBe(401)
    expect((await api(server, '/api/admin/retention', { method: 'PUT', body: { global_days: 1 }, device: anonymous })).status).toBe(401)
    expect((await api(server, '/api/admin/retention/preview', { device: anonymous })).status).toBe(401)
    expect((await api(server, '/api/admin/retention/apply', { method: 'POST', device: anonymous })).status).toBe(401)
    expect(ids.oldStudio.every(id => existsSync(runFolder(id)))).toBe(true)
  })

  it('keeps everything by default and refuses days outside 1..3650', async () => {
    const leader = await signInAsLeader(server)
    expect((await api(server, '/api/admin/retention', { device: leader })).body).toEqual({ global_days: null, last_applied: null })
    for (const global_days of [0, 3651, 2.5, '30']) {
      const response = await api(server, '/api/admin/retention', { method: 'PUT', body: { global_days }, device: leader })
      expect(response.status).toBe(400)
    }
  })

  it('previews exactly the old runs without deleting, then apply removes them and leaves an audit entry each', async () => {
    const leader = await signInAsLeader(server)
    const saved = await api(server, '/api/admin/retention', { method: 'PUT', body: { global_days: 30 }, device: leader })
    expect(saved.status).toBe(200)
    expect(saved.body).toEqual({ global_days: 30, last_applied: null })
    expect(auditEntries().find(entry => entry.action === 'retention.update')).toMatchObject({ actor: 'admin', detail: { old_global_days: null, new_global_days: 30 } })

    const preview = await api(server, '/api/admin/retention/preview', { device: leader })
    expect(preview.status).toBe(200)
    expect(preview.body.total).toBe(2)
    expect(preview.body.runs.map((run: { run_id: string }) => run.run_id).sort()).toEqual([...ids.oldStudio].sort())
    expect(preview.body.runs[0]).toMatchObject({ session_id: 'studio', older_than_days: 30 })
    for (const id of [...ids.oldStudio, ids.youngStudio, ids.oldForever]) expect(existsSync(runFolder(id))).toBe(true)

    const applied = await api(server, '/api/admin/retention/apply', { method: 'POST', device: leader })
    expect(applied.status).toBe(200)
    expect(applied.body).toEqual({ deleted: 2 })
    for (const id of ids.oldStudio) expect(existsSync(runFolder(id))).toBe(false)
    expect(existsSync(runFolder(ids.youngStudio))).toBe(true)
    expect(existsSync(runFolder(ids.oldForever))).toBe(true)
    const deletions = auditEntries().filter(entry => entry.action === 'retention.delete')
    expect(deletions.map(entry => entry.run_id).sort()).toEqual([...ids.oldStudio].sort())
    expect(deletions[0]).toMatchObject({ actor: 'retention', detail: { days: 30 } })
    expect((await api(server, '/api/admin/retention', { device: leader })).body.last_applied).toMatchObject({ deleted: 2 })
    expect((await api(server, '/api/admin/retention/preview', { device: leader })).body).toMatchObject({ runs: [], total: 0 })
  })
})
