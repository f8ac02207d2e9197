import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdminRunRow } from '#shared/admin-views'
import { api, Device, ensureJoined, waitForRun } from '../support/api'
import { startServer, type TestServer } from '../support/server'

const env = { NUXT_ADMIN_PASSWORD: 'test-password-123' }
let server: TestServer
const leader = new Device()
const student = new Device()

/** The leader signs in once; the sealed session cookie stays in the leader's Device. */
async function signIn(device: Device) {
  const response = await api(server, '/api/admin/login', { body: { name: 'admin', password: 'test-password-123' }, device })
  expect(response.status).toBe(200)
}

async function makeRun(input_text: string, init: { output?: string, interception?: string } = {}) {
  await ensureJoined(server, student)
  const created = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text, ...(init.output ? { output: init.output } : {}) }, device: student })
  expect(created.status).toBe(202)
  const runId = created.body.run_id as string
  await waitForRun(server, runId, undefined, 30_000, student)
  if (init.interception) {
    const edited = await api(server, `/api/runs/${runId}/interception`, { method: 'PATCH', body: { text: init.interception }, device: student })
    expect(edited.status).toBe(200)
  }
  return runId
}

const listIds = async (query: string) => {
  const response = await api<{ runs: AdminRunRow[], total: number }>(server, `/api/admin/runs${query}`, { device: leader })
  expect(response.status).toBe(200)
  return response.body.runs.map(run => run.run_id)
}

let boat: string
let lighthouse: string
let picture: string

beforeAll(async () => {
  server = await startServer({ env })
  await signIn(leader)
  boat = await makeRun('Ein Boot auf dem Meer')
  lighthouse = await makeRun('Ein Turm', { interception: 'Ein Leuchtturm aus GLAS über der Düne' })
  picture = await makeRun('Ein Bild von Äpfeln', { output: 'image' })
  await waitForRun(server, picture, run => run.status === 'completed', 30_000, student)
}, 90_000)
afterAll(() => server?.stop())

describe('the run browser', () => {
  it('answers 401 to anyone who is not a signed-in leader', async () => {
    for (const [method, path] of [['GET', '/api/admin/runs'], ['GET', `/api/admin/runs/${boat}`], ['POST', `/api/admin/runs/${boat}/hide`], ['POST', `/api/admin/runs/${boat}/unhide`], ['DELETE', `/api/admin/runs/${boat}`], ['GET', '/api/admin/audit']] as const) {
      expect((await api(server, path, { method, device: student })).status, `${method} ${path}`).toBe(401)
    }
  })

  it('lists a student’s runs newest first with session name, pseudonym and media urls', async () => {
    const response = await api<{ runs: AdminRunRow[], total: number, offset: number, limit: number }>(server, '/api/admin/runs', { device: leader })
    expect(response.body).toMatchObject({ total: 3, offset: 0, limit: 50 })
    expect(response.body.runs.map(run => run.run_id)).toEqual([picture, lighthouse, boat])
    const [row] = response.body.runs
    expect(row).toMatchObject({
      session_id: 'studio', session_name: 'Open studio', perspective: 'bauhaus', status: 'completed', hidden: false,
      output_type: 'image', thumbnail_url: `/api/runs/${picture}/media/thumbnail-image.webp`, media_url: expect.stringMatching(`^/api/runs/${picture}/media/output-image\\.`),
    })
    expect(row!.pseudonym).toEqual(expect.any(String))
  })

  it('filters by status, session, perspective, date range and pages through', async () => {
    expect(await listIds('?status=completed')).toEqual([picture])
    expect(await listIds('?status=awaiting_output')).toEqual([lighthouse, boat])
    expect(await listIds('?session_id=s-nothing')).toEqual([])
    expect(await listIds('?perspective=bauhaus&limit=1&offset=1')).toEqual([lighthouse])
    const today = new Date().toISOString().slice(0, 10)
    expect(await listIds(`?from=${today}&to=${today}`)).toEqual([picture, lighthouse, boat])
    expect(await listIds('?to=2020-01-01')).toEqual([])
    expect(await listIds('?q=&status=')).toHaveLength(3)
  })

  it('finds words in the idea and in the interception, whatever the case', async () => {
    expect(await listIds('?q=BOOT')).toEqual([boat])
    expect(await listIds('?q=leuchtturm%20aus%20glas')).toEqual([lighthouse])
    expect(await listIds(`?q=${encodeURIComponent('düne')}`)).toEqual([lighthouse])
    expect(await listIds(`?q=${encodeURIComponent('ÄPFELN')}`)).toEqual([picture])
  })

  it('answers bad filters with 400 naming the parameter', async () => {
    for (const [query, field] of [['?from=yesterday', 'from'], ['?to=2026-13-45', 'to'], ['?status=done', 'status'], ['?limit=500', 'limit'], ['?hidden=maybe', 'hidden']]) {
      const response = await api(server, `/api/admin/runs${query}`, { device: leader })
      expect(response.status, query).toBe(400)
      expect(response.body.statusMessage).toContain(`"${field}"`)
    }
  })

  it('shows one run in full with its session, pseudonym and files', async () => {
    const response = await api(server, `/api/admin/runs/${picture}`, { device: leader })
    expect(response.status).toBe(200)
    expect(response.body.run).toMatchObject({ run_id: picture, status: 'completed', hidden: false })
    expect(response.body.session).toMatchObject({ id: 'studio' })
    expect(response.body.participant.pseudonym).toEqual(expect.any(String))
    expect(response.body.files).toEqual(expect.arrayContaining(['metadata.json', 'input.txt', 'thumbnail-image.webp']))
    expect((await api(server, '/api/admin/runs/00000000-0000-4000-8000-000000000000', { device: leader })).status).toBe(404)
  })
})

describe('moderation', () => {
  it('hides a run from its student but not from the leader, and unhides it', async () => {
    const hidden = await api<AdminRunRow>(server, `/api/admin/runs/${picture}/hide`, { body: { reason: 'Zeigt ein Gesicht' }, device: leader })
    expect(hidden.status).toBe(200)
    expect(hidden.body).toMatchObject({ run_id: picture, hidden: true })
    expect((await api(server, `/api/runs/${picture}`, { device: student })).status).toBe(404)
    expect((await api(server, `/api/runs/${picture}/media/thumbnail-image.webp`, { device: student })).status).toBe(404)
    expect((await api(server, '/api/my/runs', { device: student })).body.runs.map((run: { run_id: string }) => run.run_id)).not.toContain(picture)
    expect((await api(server, `/api/runs/${picture}`, { device: leader })).status).toBe(200)
    expect(await listIds('?hidden=true')).toEqual([picture])
    expect(await listIds('?hidden=false')).toEqual([lighthouse, boat])

    const shown = await api<AdminRunRow>(server, `/api/admin/runs/${picture}/unhide`, { method: 'POST', device: leader })
    expect(shown.body.hidden).toBe(false)
    expect((await api(server, `/api/runs/${picture}`, { device: student })).status).toBe(200)
    const audit = await api(server, `/api/admin/audit?run_id=${picture}`, { device: leader })
    expect(audit.body.entries.map((entry: { action: string }) => entry.action)).toEqual(['run.unhide', 'run.hide'])
    expect(audit.body.entries[1]).toMatchObject({ actor: 'admin', run_id: picture, session_id: 'studio', reason: 'Zeigt ein Gesicht' })
  })

  it('deletes a run only with a reason, removes its folder and audits it', async () => {
    expect((await api(server, `/api/admin/runs/${boat}`, { method: 'DELETE', body: {}, device: leader })).status).toBe(400)
    const deleted = await api(server, `/api/admin/runs/${boat}`, { method: 'DELETE', body: { reason: 'Auf Wunsch der Familie' }, device: leader })
    expect(deleted.status).toBe(204)
    expect(existsSync(join(server.dataDir, 'runs', boat))).toBe(false)
    expect((await api(server, `/api/runs/${boat}`, { device: student })).status).toBe(404)
    expect((await api(server, `/api/admin/runs/${boat}`, { device: leader })).status).toBe(404)
    expect((await api(server, '/api/my/runs', { device: student })).body.runs.map((run: { run_id: string }) => run.run_id)).not.toContain(boat)
    expect(await listIds('')).toEqual([picture, lighthouse])
    const audit = await api(server, '/api/admin/audit?limit=10', { device: leader })
    expect(audit.body.entries[0]).toMatchObject({ action: 'run.delete', actor: 'admin', run_id: boat, reason: 'Auf Wunsch der Familie' })
  })
})

describe('the index across restarts', () => {
  it('keeps the index on restart without reading every run, and rebuilds it when the file is gone', async () => {
    await server.stop()
    server = await startServer({ env, dataDir: server.dataDir })
    await signIn(leader)
    expect(await listIds('')).toEqual([picture, lighthouse])
    // The whole phrase: a Bauhaus interception of the other idea may well mention glass.
    expect(await listIds('?q=leuchtturm%20aus%20glas')).toEqual([lighthouse])
    expect(server.output()).toMatch(/run index loaded: 2 runs/)
    expect(server.output()).not.toMatch(/rebuil/)

    await server.stop()
    rmSync(join(server.dataDir, 'index'), { recursive: true, force: true })
    server = await startServer({ env, dataDir: server.dataDir })
    await signIn(leader)
    expect(await listIds('')).toEqual([picture, lighthouse])
    expect(server.output()).toMatch(/run index rebuilt: 2 runs/)
    expect(existsSync(join(server.dataDir, 'index', 'runs.jsonl'))).toBe(true)
  }, 60_000)
})
