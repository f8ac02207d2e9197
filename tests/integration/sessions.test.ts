import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOIN_CODE_ALPHABET } from '#shared/join-code'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, waitForRun } from '../support/api'
import { readRunMetadata } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'
import { HELD_OUTPUT, type HeldImages, startHeldImages } from '../support/held-images'

let server: TestServer
let leader: Device
// Its pictures are never released: a run making one stays in progress.
let images: HeldImages

beforeAll(async () => {
  images = await startHeldImages()
  server = await startServer({ env: { ...images.env, NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  leader = await signInAsLeader(server)
})
afterAll(async () => {
  await server?.stop()
  await images?.close()
})

const createSession = async (body: Record<string, unknown>) => {
  const response = await api(server, '/api/admin/sessions', { body, device: leader })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body as { id: string, join_code: string, name: string }
}
const patchSession = (id: string, body: Record<string, unknown>) => api(server, `/api/admin/sessions/${id}`, { method: 'PATCH', body, device: leader })

/** A student's iPad that joined with the session's code. */
async function studentIn(session: { join_code: string }) {
  const device = new Device()
  const joined = await api(server, '/api/join', { body: { code: session.join_code.toLowerCase().replace(/^(...)/, '$1-'), language: 'en' }, device })
  expect(joined.status, JSON.stringify(joined.body)).toBe(200)
  return device
}

const startRun = (device: Device, body: Record<string, unknown>) => api(server, '/api/runs', { body, device })

describe('a course session', () => {
  it('gets a 6-character join code from the unambiguous alphabet', async () => {
    const session = await createSession({ name: 'Class 7b' })
    expect(session.join_code).toHaveLength(6)
    expect([...session.join_code].every(char => JOIN_CODE_ALPHABET.includes(char))).toBe(true)
  })

  it('lets a student join by code as a made-up name, which they may change', async () => {
    const session = await createSession({ name: 'Class 5a' })
    const device = new Device()
    const joined = await api(server, '/api/join', { body: { code: session.join_code, language: 'en' }, device })
    expect(joined.body.session).toMatchObject({ id: session.id, name: 'Class 5a', open: true })
    expect(joined.body.participant.pseudonym).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{1,2}$/)
    expect(JSON.stringify(joined.body)).not.toContain(session.join_code)
    const renamed = await api(server, '/api/me', { method: 'PATCH', body: { pseudonym: 'Star Painter' }, device })
    expect(renamed.body.participant.pseudonym).toBe('Star Painter')
    expect((await api(server, '/api/me', { device })).body).toMatchObject({ participant: { pseudonym: 'Star Painter' }, session: { id: session.id } })
    expect((await api(server, '/api/me', { method: 'PATCH', body: { pseudonym: '  ' }, device })).status).toBe(400)
    const members = await api(server, `/api/admin/sessions/${session.id}`, { device: leader })
    expect(members.body.participants.map((participant: { pseudonym: string }) => participant.pseudonym)).toEqual(['Star Painter'])
  })

  it('keeps a device that joins again as the same participant, and makes it a new one in another session', async () => {
    const first = await createSession({ name: 'Morning' })
    const second = await createSession({ name: 'Afternoon' })
    const device = await studentIn(first)
    const cookie = device.cookies.get('ai4a_participant')
    await api(server, '/api/join', { body: { code: first.join_code }, device })
    expect(device.cookies.get('ai4a_participant')).toBe(cookie)
    await api(server, '/api/join', { body: { code: second.join_code }, device })
    expect(device.cookies.get('ai4a_participant')).not.toBe(cookie)
  })

  it('offers and allows only the session’s perspectives and outputs, whatever the request says', async () => {
    const session = await createSession({ name: 'Bauhaus day', perspectives: ['bauhaus', 'piglatin'], outputs: ['audio_builtin'] })
    const device = await studentIn(session)
    expect((await api(server, '/api/perspectives', { device })).body.map((perspective: { id: string }) => perspective.id).sort()).toEqual(['bauhaus', 'piglatin'])
    expect((await api(server, '/api/outputs', { device })).body.map((output: { id: string }) => output.id)).toEqual(['audio_builtin'])
    const otherPerspective = await startRun(device, { perspective: 'renaissance', input_text: 'A cat' })
    expect(otherPerspective.status).toBe(403)
    expect(otherPerspective.body.data.reason).toBe('perspective_not_allowed')
    const image = await startRun(device, { perspective: 'bauhaus', input_text: 'A cat', output: 'image_builtin' })
    expect(image.status).toBe(403)
    expect(image.body.data.reason).toBe('output_not_allowed')
    const twoStep = await startRun(device, { perspective: 'bauhaus', input_text: 'A cat' })
    expect(twoStep.status).toBe(202)
    await waitForRun(server, twoStep.body.run_id, undefined, 30_000, device)
    const generate = await api(server, `/api/runs/${twoStep.body.run_id}/generate`, { body: { output: 'image_builtin' }, device })
    expect(generate.status).toBe(403)
    expect(generate.body.data.reason).toBe('output_not_allowed')
  })

  it('runs every run at the session’s safety level; a request may only make it stricter', async () => {
    const session = await createSession({ name: 'Little ones', safety_level: 'kids' })
    const device = await studentIn(session)
    const response = await startRun(device, { perspective: 'bauhaus', input_text: 'A friendly dragon', safety_level: 'research' })
    expect(response.status).toBe(202)
    const run = readRunMetadata(server.dataDir, response.body.run_id)
    expect(run).toMatchObject({ safety_level: 'kids', session_id: session.id })
    expect(run.participant_id).toBe(device.cookies.get('ai4a_participant'))
    const teens = await createSession({ name: 'Teens', safety_level: 'adult' })
    const teen = await studentIn(teens)
    const stricter = await startRun(teen, { perspective: 'bauhaus', input_text: 'A friendly dragon', safety_level: 'youth' })
    expect(readRunMetadata(server.dataDir, stricter.body.run_id).safety_level).toBe('youth')
  })

  it('shows a run only to the device that made it: another session’s device and a stranger get 404', async () => {
    const classA = await createSession({ name: 'A' })
    const classB = await createSession({ name: 'B' })
    const alice = await studentIn(classA)
    const bob = await studentIn(classB)
    const created = await startRun(alice, { perspective: 'bauhaus', input_text: 'A red bicycle', output: 'image_builtin' })
    const run = await waitForRun(server, created.body.run_id, view => view.status === 'completed', 30_000, alice)
    const media = run.outputs[0]!.url
    for (const device of [bob, new Device()]) {
      expect((await api(server, `/api/runs/${run.run_id}`, { device })).status).toBe(404)
      expect((await api(server, media, { device })).status).toBe(404)
      expect((await api(server, `/api/runs/${run.run_id}/interception`, { method: 'PATCH', body: { text: 'mine now' }, device })).status).toBe(404)
    }
    expect((await api(server, media, { device: alice })).status).toBe(200)
    expect((await api(server, media, { device: leader })).status).toBe(200)
    expect((await api(server, '/api/my/runs', { device: bob })).body.total).toBe(0)
  })

  it('refuses new runs and generations in a closed session with a message, and takes them again once reopened', async () => {
    const session = await createSession({ name: 'Closing soon' })
    const device = await studentIn(session)
    const waiting = await startRun(device, { perspective: 'bauhaus', input_text: 'A lighthouse' })
    await waitForRun(server, waiting.body.run_id, undefined, 30_000, device)
    expect((await patchSession(session.id, { open: false })).body.open).toBe(false)
    const refused = await startRun(device, { perspective: 'bauhaus', input_text: 'A boat' })
    expect(refused.status).toBe(403)
    expect(refused.body.data.reason).toBe('session_closed')
    expect(refused.body.statusMessage).toContain('closed')
    const generate = await api(server, `/api/runs/${waiting.body.run_id}/generate`, { body: { output: 'audio_builtin' }, device })
    expect(generate.body.data.reason).toBe('session_closed')
    expect((await api(server, '/api/me', { device })).body.session.open).toBe(false)
    await patchSession(session.id, { open: true })
    expect((await startRun(device, { perspective: 'bauhaus', input_text: 'A boat' })).status).toBe(202)
  })

  it('limits runs per participant per hour, telling when the next may start', async () => {
    const session = await createSession({ name: 'Limited', limits: { runs_per_hour: 2, runs_in_progress: null } })
    const device = await studentIn(session)
    const other = await studentIn(session)
    expect((await startRun(device, { perspective: 'bauhaus', input_text: 'One' })).status).toBe(202)
    expect((await startRun(device, { perspective: 'bauhaus', input_text: 'Two' })).status).toBe(202)
    const third = await startRun(device, { perspective: 'bauhaus', input_text: 'Three' })
    expect(third.status).toBe(429)
    expect(third.body.data).toMatchObject({ reason: 'runs_per_hour' })
    expect(third.body.data.retry_after_s).toBeGreaterThan(3000)
    expect((await startRun(other, { perspective: 'bauhaus', input_text: 'Mine' })).status).toBe(202)
  })

  it('limits runs waiting or running at once, also against a burst of taps', async () => {
    const session = await createSession({ name: 'One at a time', limits: { runs_per_hour: null, runs_in_progress: 1 } })
    const device = await studentIn(session)
    const burst = await Promise.all([1, 2, 3].map(n => startRun(device, { perspective: 'bauhaus', input_text: `Castle ${n}`, output: HELD_OUTPUT })))
    expect(burst.map(response => response.status).sort()).toEqual([202, 429, 429])
    expect(burst.find(response => response.status === 429)!.body.data.reason).toBe('runs_in_progress')
  })

  it('draws a new join code on request; the old one stops working', async () => {
    const session = await createSession({ name: 'Leaked code' })
    const changed = await patchSession(session.id, { new_join_code: true })
    expect(changed.body.join_code).not.toBe(session.join_code)
    expect((await api(server, '/api/join', { body: { code: session.join_code }, device: new Device() })).status).toBe(404)
    expect((await api(server, '/api/join', { body: { code: changed.body.join_code }, device: new Device() })).status).toBe(200)
  })

  it('does not let students into an archived session', async () => {
    const session = await createSession({ name: 'Last term' })
    await patchSession(session.id, { archived: true })
    expect((await api(server, '/api/join', { body: { code: session.join_code }, device: new Device() })).status).toBe(404)
    const active = await api(server, '/api/admin/sessions', { device: leader })
    expect(active.body.sessions.map((listed: { id: string }) => listed.id)).not.toContain(session.id)
    const archived = await api(server, '/api/admin/sessions?archived=true', { device: leader })
    expect(archived.body.sessions.map((listed: { id: string }) => listed.id)).toContain(session.id)
  })

  it('refuses settings that would lock students out, naming the field', async () => {
    const unknown = await api(server, '/api/admin/sessions', { body: { name: 'Typo', perspectives: ['bauhouse'] }, device: leader })
    expect(unknown.status).toBe(400)
    expect(unknown.body.statusMessage).toContain('bauhouse')
    const empty = await api(server, '/api/admin/sessions', { body: { name: 'Empty', outputs: [] }, device: leader })
    expect(empty.status).toBe(400)
    const noName = await api(server, '/api/admin/sessions', { body: { name: '' }, device: leader })
    expect(noName.status).toBe(400)
    expect(noName.body.statusMessage).toContain('name')
    expect((await patchSession('s-000000000000', { open: false })).status).toBe(404)
  })
})

describe('the open studio', () => {
  it('is a session a leader can switch off: then the join page offers no studio and runs need a code', async () => {
    expect((await api(server, '/api/studio', { device: new Device() })).body.open).toBe(true)
    expect((await patchSession('studio', { open: false })).status).toBe(200)
    try {
      expect((await api(server, '/api/studio', { device: new Device() })).body.open).toBe(false)
      const join = await api(server, '/api/join', { body: {}, device: new Device() })
      expect(join.status).toBe(403)
      expect(join.body.data.reason).toBe('studio_closed')
      const run = await startRun(new Device(), { perspective: 'bauhaus', input_text: 'A tree' })
      expect(run.status).toBe(403)
      expect(run.body.data.reason).toBe('not_joined')
    }
    finally {
      await patchSession('studio', { open: true })
    }
  })
})
