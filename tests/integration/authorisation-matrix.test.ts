import { readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, waitForRun } from '../support/api'
import { startServer, type TestServer } from '../support/server'
import { drawing } from '../support/test-pictures'
import { upload } from '../support/uploads'

/**
 * Every API route, called as four people: nobody (no cookie), a student of session A (who made
 * the runs), a student of session B, and a signed-in course leader. Each cell is the status the
 * route must answer. A run of another session is 404 (not 403): its existence stays secret.
 * The route list is checked against server/api, so a new route without a row fails this test.
 */
type Role = 'anonymous' | 'studentA' | 'studentB' | 'leader'
type Expected = Record<Role, number>

interface Fixture { runId: string, twoStepId: string, rulesId: string, deleteId: string, codeId: string, uploadId: string, sessionA: string, exportId: string }

interface Row {
  /** The route file's method and path, as derived from server/api (e.g. `GET /api/runs/[id]`). */
  route: string
  call: (f: Fixture) => { path: string, method?: string, body?: unknown }
  expected: Expected
}

const everyone = (status: number): Expected => ({ anonymous: status, studentA: status, studentB: status, leader: status })
const leaderOnly = (status: number): Expected => ({ anonymous: 401, studentA: 401, studentB: 401, leader: status })
/** Only the run's own student and leaders see it; everyone else is told it does not exist. */
const ownerOrLeader = (owner: number, leader = owner): Expected => ({ anonymous: 404, studentA: owner, studentB: 404, leader })

const ROWS: Row[] = [
  { route: 'GET /api/health', call: () => ({ path: '/api/health' }), expected: everyone(200) },
  { route: 'GET /api/perspectives', call: () => ({ path: '/api/perspectives' }), expected: everyone(200) },
  { route: 'GET /api/perspectives/[id]', call: () => ({ path: '/api/perspectives/bauhaus' }), expected: everyone(200) },
  { route: 'GET /api/outputs', call: () => ({ path: '/api/outputs' }), expected: everyone(200) },
  { route: 'GET /api/schema/info', call: () => ({ path: '/api/schema/info' }), expected: everyone(200) },
  { route: 'GET /api/studio', call: () => ({ path: '/api/studio' }), expected: everyone(200) },
  { route: 'GET /api/me', call: () => ({ path: '/api/me' }), expected: everyone(200) },
  // Renaming needs a participant; the leader's laptop never joined.
  { route: 'PATCH /api/me', call: () => ({ path: '/api/me', method: 'PATCH', body: { pseudonym: 'Quiet Owl' } }), expected: { anonymous: 404, studentA: 200, studentB: 200, leader: 404 } },
  { route: 'GET /api/my/runs', call: () => ({ path: '/api/my/runs' }), expected: everyone(200) },
  { route: 'GET /api/runs/[id]', call: f => ({ path: `/api/runs/${f.runId}` }), expected: ownerOrLeader(200) },
  { route: 'ALL /api/runs/[id]/media/[file]', call: f => ({ path: `/api/runs/${f.runId}/media/output-image.png` }), expected: ownerOrLeader(200) },
  { route: 'PUT /api/runs/[id]/favourite', call: f => ({ path: `/api/runs/${f.runId}/favourite`, method: 'PUT', body: { favourite: true } }), expected: { anonymous: 404, studentA: 200, studentB: 404, leader: 404 } },
  { route: 'PATCH /api/runs/[id]/interception', call: f => ({ path: `/api/runs/${f.twoStepId}/interception`, method: 'PATCH', body: { text: 'A blue house by the sea' } }), expected: ownerOrLeader(200) },
  // What the machine is told and the rules are the child's own work: only its student opens and changes them.
  // Leaders read both in the run's detail (prompt history, generation prompt), never write into a child's run.
  { route: 'GET /api/runs/[id]/machine-text', call: f => ({ path: `/api/runs/${f.twoStepId}/machine-text?output=image_builtin` }), expected: { anonymous: 404, studentA: 200, studentB: 404, leader: 404 } },
  { route: 'PATCH /api/runs/[id]/rules', call: f => ({ path: `/api/runs/${f.rulesId}/rules`, method: 'PATCH', body: { rules: 'Use only circles.\nEverything is green.' } }), expected: { anonymous: 404, studentA: 202, studentB: 404, leader: 404 } },
  // A finished run cannot be cancelled (409), but only its owner and leaders may learn that.
  { route: 'POST /api/runs/[id]/cancel', call: f => ({ path: `/api/runs/${f.runId}/cancel`, method: 'POST' }), expected: ownerOrLeader(409) },
  { route: 'POST /api/runs/[id]/generate', call: f => ({ path: `/api/runs/${f.runId}/generate`, method: 'POST', body: { output: 'image_builtin' } }), expected: ownerOrLeader(409) },
  { route: 'GET /api/runs/[id]/sketch', call: f => ({ path: `/api/runs/${f.codeId}/sketch` }), expected: ownerOrLeader(200) },
  // Only the student who made the sketch edits it; the leader reads it but never writes into a child's work.
  { route: 'PUT /api/runs/[id]/sketch', call: f => ({ path: `/api/runs/${f.codeId}/sketch`, method: 'PUT', body: { code: 'function draw() {\n  background(220)\n}' } }), expected: { anonymous: 404, studentA: 200, studentB: 404, leader: 404 } },
  // Everyone may ask; each device hears only its own session's published runs (tests/integration/class-gallery.test.ts).
  { route: 'GET /api/class-gallery', call: () => ({ path: '/api/class-gallery' }), expected: everyone(200) },
  // Only the run's student suggests it for the class gallery, or answers its reflection questions; a leader reads the answers.
  { route: 'POST /api/runs/[id]/suggest', call: f => ({ path: `/api/runs/${f.runId}/suggest`, method: 'POST' }), expected: { anonymous: 404, studentA: 200, studentB: 404, leader: 404 } },
  { route: 'GET /api/runs/[id]/reflection', call: f => ({ path: `/api/runs/${f.runId}/reflection` }), expected: ownerOrLeader(200) },
  { route: 'PUT /api/runs/[id]/reflection', call: f => ({ path: `/api/runs/${f.runId}/reflection`, method: 'PUT', body: { question_id: 'as_imagined', chip: 'yes' } }), expected: { anonymous: 404, studentA: 200, studentB: 404, leader: 404 } },
  // Only a device that joined sends pictures (the JSON body is then refused as not a form); only its owner sees one.
  { route: 'POST /api/uploads', call: () => ({ path: '/api/uploads', body: { image: 'not a form' } }), expected: { anonymous: 403, studentA: 415, studentB: 415, leader: 403 } },
  { route: 'GET /api/uploads/[id]', call: f => ({ path: `/api/uploads/${f.uploadId}` }), expected: { anonymous: 404, studentA: 200, studentB: 404, leader: 404 } },
  { route: 'ALL /api/media/[type]/[run_id]', call: f => ({ path: `/api/media/image/${f.runId}` }), expected: ownerOrLeader(200) },
  { route: 'GET /api/media/info/[run_id]', call: f => ({ path: `/api/media/info/${f.runId}` }), expected: ownerOrLeader(200) },
  { route: 'GET /api/media/run/[run_id]', call: f => ({ path: `/api/media/run/${f.runId}` }), expected: ownerOrLeader(200) },
  // Starting runs: students of open sessions may; the anonymous device and the leader's laptop land in the open studio.
  // Only a device that joined starts runs; the leader's laptop never joined.
  { route: 'POST /api/runs', call: () => ({ path: '/api/runs', body: { perspective: 'bauhaus', input_text: 'A small boat' } }), expected: { anonymous: 403, studentA: 202, studentB: 202, leader: 403 } },
  { route: 'POST /api/schema/pipeline/execute', call: () => ({ path: '/api/schema/pipeline/execute', body: { schema: 'piglatin', input_text: 'A small bird' } }), expected: { anonymous: 403, studentA: 200, studentB: 200, leader: 403 } },
  { route: 'POST /api/join', call: () => ({ path: '/api/join', body: { code: 'ZZZZZZ' } }), expected: everyone(404) },
  { route: 'POST /api/admin/login', call: () => ({ path: '/api/admin/login', body: { name: 'admin', password: 'not the password' } }), expected: everyone(401) },
  { route: 'GET /api/admin/me', call: () => ({ path: '/api/admin/me' }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/leaders', call: () => ({ path: '/api/admin/leaders' }), expected: leaderOnly(200) },
  { route: 'POST /api/admin/leaders', call: () => ({ path: '/api/admin/leaders', body: { name: 'second', password: 'another-password-1' } }), expected: leaderOnly(201) },
  { route: 'DELETE /api/admin/leaders/[name]', call: () => ({ path: '/api/admin/leaders/second', method: 'DELETE' }), expected: leaderOnly(204) },
  // The current password is asked; setting the same one again leaves the other rows' sign-in working.
  { route: 'PUT /api/admin/me/password', call: () => ({ path: '/api/admin/me/password', method: 'PUT', body: { current_password: TEST_ADMIN_PASSWORD, new_password: TEST_ADMIN_PASSWORD } }), expected: leaderOnly(204) },
  { route: 'GET /api/admin/catalog', call: () => ({ path: '/api/admin/catalog' }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/sessions', call: () => ({ path: '/api/admin/sessions' }), expected: leaderOnly(200) },
  { route: 'POST /api/admin/sessions', call: () => ({ path: '/api/admin/sessions', body: { name: 'Matrix class' } }), expected: leaderOnly(201) },
  { route: 'GET /api/admin/sessions/[id]', call: f => ({ path: `/api/admin/sessions/${f.sessionA}` }), expected: leaderOnly(200) },
  { route: 'PATCH /api/admin/sessions/[id]', call: f => ({ path: `/api/admin/sessions/${f.sessionA}`, method: 'PATCH', body: { name: 'Class A' } }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/sessions/[id]/feed', call: f => ({ path: `/api/admin/sessions/${f.sessionA}/feed` }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/sessions/[id]/wall', call: f => ({ path: `/api/admin/sessions/${f.sessionA}/wall` }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/runs', call: () => ({ path: '/api/admin/runs' }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/runs/[id]', call: f => ({ path: `/api/admin/runs/${f.runId}` }), expected: leaderOnly(200) },
  { route: 'POST /api/admin/runs/[id]/hide', call: f => ({ path: `/api/admin/runs/${f.twoStepId}/hide`, body: { reason: 'matrix' } }), expected: leaderOnly(200) },
  { route: 'POST /api/admin/runs/[id]/unhide', call: f => ({ path: `/api/admin/runs/${f.twoStepId}/unhide`, body: { reason: 'matrix' } }), expected: leaderOnly(200) },
  { route: 'POST /api/admin/runs/[id]/publish', call: f => ({ path: `/api/admin/runs/${f.runId}/publish`, method: 'POST' }), expected: leaderOnly(200) },
  { route: 'DELETE /api/admin/runs/[id]/publish', call: f => ({ path: `/api/admin/runs/${f.runId}/publish`, method: 'DELETE' }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/sessions/[id]/class-gallery', call: f => ({ path: `/api/admin/sessions/${f.sessionA}/class-gallery` }), expected: leaderOnly(200) },
  { route: 'DELETE /api/admin/runs/[id]', call: f => ({ path: `/api/admin/runs/${f.deleteId}`, method: 'DELETE', body: { reason: 'matrix' } }), expected: leaderOnly(204) },
  { route: 'GET /api/admin/audit', call: () => ({ path: '/api/admin/audit' }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/export', call: f => ({ path: `/api/admin/export?ids=${f.runId}&export_id=${f.exportId}` }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/exports/[export_id]', call: f => ({ path: `/api/admin/exports/${f.exportId}` }), expected: leaderOnly(200) },
  { route: 'GET /api/providers', call: () => ({ path: '/api/providers' }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/providers', call: () => ({ path: '/api/admin/providers' }), expected: leaderOnly(200) },
  { route: 'PUT /api/admin/providers', call: () => ({ path: '/api/admin/providers', method: 'PUT', body: { backends: [], stages: {}, default_outputs: {} } }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/instances', call: () => ({ path: '/api/admin/instances' }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/retention', call: () => ({ path: '/api/admin/retention' }), expected: leaderOnly(200) },
  { route: 'PUT /api/admin/retention', call: () => ({ path: '/api/admin/retention', method: 'PUT', body: { global_days: null } }), expected: leaderOnly(200) },
  { route: 'GET /api/admin/retention/preview', call: () => ({ path: '/api/admin/retention/preview' }), expected: leaderOnly(200) },
  { route: 'POST /api/admin/retention/apply', call: () => ({ path: '/api/admin/retention/apply', method: 'POST' }), expected: leaderOnly(200) },
  // Last two: they end the leader's session. Signing out without being signed in is harmless, so it answers 204 to all.
  { route: 'DELETE /api/admin/me/sessions', call: () => ({ path: '/api/admin/me/sessions', method: 'DELETE' }), expected: leaderOnly(204) },
  { route: 'POST /api/admin/logout', call: () => ({ path: '/api/admin/logout', method: 'POST' }), expected: everyone(204) },
]

const API_DIR = resolve(import.meta.dirname, '../../server/api')

/** `server/api/runs/[id]/index.get.ts` → `GET /api/runs/[id]`; a file without a method suffix answers every method (`ALL`). */
function routesOnDisk(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return routesOnDisk(path)
    const match = /^(.*?)(?:\.(get|post|put|patch|delete))?\.ts$/.exec(relative(API_DIR, path))!
    const route = `/api/${match[1]}`.replace(/\/index$/, '')
    return [`${(match[2] ?? 'all').toUpperCase()} ${route}`]
  })
}

let server: TestServer
const devices = {} as Record<Role, Device>
const fixture = {} as Fixture

beforeAll(async () => {
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  devices.anonymous = new Device()
  devices.leader = await signInAsLeader(server)
  const session = async (name: string) => (await api(server, '/api/admin/sessions', { body: { name, limits: { runs_per_hour: null, runs_in_progress: null } }, device: devices.leader })).body
  const [a, b] = [await session('A'), await session('B')]
  fixture.sessionA = a.id
  devices.studentA = new Device()
  devices.studentB = new Device()
  await api(server, '/api/join', { body: { code: a.join_code }, device: devices.studentA })
  await api(server, '/api/join', { body: { code: b.join_code }, device: devices.studentB })
  const start = async (body: Record<string, unknown>) => (await api(server, '/api/runs', { body, device: devices.studentA })).body.run_id as string
  fixture.runId = await start({ perspective: 'bauhaus', input_text: 'A red house', output: 'image_builtin' })
  fixture.twoStepId = await start({ perspective: 'bauhaus', input_text: 'A green house' })
  fixture.rulesId = await start({ perspective: 'bauhaus', input_text: 'A blue boat' })
  fixture.deleteId = await start({ perspective: 'bauhaus', input_text: 'A grey house' })
  fixture.codeId = await start({ perspective: 'bauhaus', input_text: 'A yellow sun', output: 'code_builtin' })
  fixture.exportId = crypto.randomUUID()
  const uploaded = await upload(server, { data: await drawing('jpeg') }, devices.studentA)
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
  fixture.uploadId = uploaded.body.upload_id
  for (const id of [fixture.runId, fixture.twoStepId, fixture.rulesId, fixture.deleteId, fixture.codeId]) {
    await waitForRun(server, id, run => ['completed', 'awaiting_output'].includes(run.status), 30_000, devices.studentA)
  }
})
afterAll(() => server?.stop())

it('has a row for every API route', () => {
  expect(ROWS.map(row => row.route).sort()).toEqual(routesOnDisk().sort())
})

it('answers every route as expected for nobody, a student of each session, and a leader', async () => {
  const answers: string[] = []
  const expected: string[] = []
  for (const row of ROWS) {
    // The leader goes last, so a route that changes or deletes something has been refused to everyone else first.
    for (const role of ['anonymous', 'studentB', 'studentA', 'leader'] as const) {
      const { path, method, body } = row.call(fixture)
      const response = await api(server, path, { method, body, device: devices[role] })
      answers.push(`${row.route} as ${role}: ${response.status}`)
      expected.push(`${row.route} as ${role}: ${row.expected[role]}`)
    }
  }
  expect(answers).toEqual(expected)
}, 120_000)
