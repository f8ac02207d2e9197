import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeChatRequest, guardAnswer, startFakeLlm } from '../fakes/fake-llm'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, waitForRun } from '../support/api'
import { createRun, readRunMetadata } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

// Personal data never leaves the building: the interception and the prompt check run on a
// (fake) Ollama outside this server, and we look at every text it was sent.

/** Llama Guard for the guard model; the chat model echoes the idea. */
function llmAnswer(request: FakeChatRequest): string {
  if (request.model.includes('guard')) return guardAnswer(request.lastUser)
  return `A square version of ${(request.lastUser.split('\n').pop() ?? '').trim()}`
}

let server: TestServer
let builtinOnly: TestServer
let leader: Device
let llm: Awaited<ReturnType<typeof startFakeLlm>>

const sentOut = () => llm.chats().map(request => JSON.stringify(request.body))

beforeAll(async () => {
  llm = await startFakeLlm({ models: ['llama3.2:latest', 'llama-guard3:1b'], answer: llmAnswer })
  const providers = {
    backends: [{ id: 'ollama', type: 'ollama', url: llm.url, concurrency: 2, timeout_s: 10, retries: 0 }],
    stages: { interception: { backend: 'ollama', model: 'llama3.2:latest' }, pre_output_safety: { backend: 'ollama', model: 'llama-guard3:1b' } },
  }
  server = await startServer({ env: { NUXT_PROVIDERS: JSON.stringify(providers), NUXT_SAFETY_LEVEL: 'kids', NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  builtinOnly = await startServer({ env: { NUXT_SAFETY_LEVEL: 'kids' } })
  leader = await signInAsLeader(server)
})

afterAll(async () => {
  await Promise.all([server?.stop(), builtinOnly?.stop()])
  await llm?.close()
})

async function studentInSession(body: Record<string, unknown>) {
  const created = await api(server, '/api/admin/sessions', { body: { name: 'Erwachsene', ...body }, device: leader })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const device = new Device()
  const joined = await api(server, '/api/join', { body: { code: created.body.join_code, language: 'de' }, device })
  expect(joined.status, JSON.stringify(joined.body)).toBe(200)
  return { session: created.body as { id: string, personal_data: string }, device }
}

describe('personal data and backends outside the building', () => {
  it('blocks a kids run with a real name, tells the child kindly, and the outside backend receives nothing', async () => {
    llm.requests.length = 0
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Lisa Müller auf einem Einhorn', output: 'image_builtin' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('blocked')
    expect(view.blocked).toMatchObject({ stage: 'personal_data', reason_code: 'personal_data' })
    expect(view.blocked!.message.de).toContain('Erfinde doch einen Namen')
    expect(view.interception_text).toBeNull()
    expect(llm.chats()).toEqual([])
    const record = readRunMetadata(server.dataDir, runId).stages.find(stage => stage.name === 'personal_data')!
    expect(record).toMatchObject({ status: 'blocked', provider: 'builtin_personal_data', detail: { idea: { action: 'blocked', outside_providers: ['ollama'] } } })
  })

  it('lets a famous art subject go out', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Die Mona Lisa mit Sonnenbrille', output: 'image_builtin' })
    expect((await waitForRun(server, runId)).status).toBe('completed')
    expect(sentOut().some(body => body.includes('Mona Lisa'))).toBe(true)
  })

  it('checks the student’s edit before the prompt check outside sees it', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'ein Baumhaus mit Rutsche' })
    expect((await waitForRun(server, runId)).status).toBe('awaiting_output')
    expect((await api(server, `/api/runs/${runId}/interception`, { method: 'PATCH', body: { text: 'ein Baumhaus für Frau Yılmaz, Tel. 0171 2345678' } })).status).toBe(200)
    llm.requests.length = 0
    expect((await api(server, `/api/runs/${runId}/generate`, { body: { output: 'image_builtin' } })).status).toBe(202)
    const view = await waitForRun(server, runId, run => run.status !== 'queued' && run.status !== 'running' && run.status !== 'awaiting_output')
    expect(view.blocked).toMatchObject({ stage: 'personal_data', reason_code: 'personal_data' })
    expect(llm.chats()).toEqual([])
  })

  it('an adult session set to redact sends placeholders instead of the name and keeps the idea as written', async () => {
    const { session, device } = await studentInSession({ safety_level: 'adult', personal_data: 'redact' })
    expect(session.personal_data).toBe('redact')
    llm.requests.length = 0
    const created = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'Mehmet Yılmaz wohnt in der Hauptstraße 5', output: 'image_builtin' }, device })
    expect(created.status, JSON.stringify(created.body)).toBe(202)
    const view = await waitForRun(server, created.body.run_id, undefined, 30_000, device)
    expect(view.status).toBe('completed')
    const bodies = sentOut()
    expect(bodies.length).toBeGreaterThan(0)
    expect(bodies.join('\n')).not.toMatch(/Mehmet|Yılmaz|Hauptstraße/)
    expect(bodies.some(body => body.includes('[Name] wohnt in der [Adresse]'))).toBe(true)
    const run = readRunMetadata(server.dataDir, created.body.run_id)
    expect(run.input_text).toBe('Mehmet Yılmaz wohnt in der Hauptstraße 5')
    expect(run.personal_data).toBe('redact')
  })

  it('an adult session blocks by default', async () => {
    const { session, device } = await studentInSession({ safety_level: 'adult' })
    expect(session.personal_data).toBe('block')
    const created = await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'Mehmet Yılmaz auf dem Mond' }, device })
    const view = await waitForRun(server, created.body.run_id, undefined, 30_000, device)
    expect(view.blocked).toMatchObject({ stage: 'personal_data' })
  })

  it('a leader can switch the rule, and nothing else is accepted', async () => {
    const { session } = await studentInSession({ safety_level: 'adult' })
    const bad = await api(server, `/api/admin/sessions/${session.id}`, { method: 'PATCH', body: { personal_data: 'send' }, device: leader })
    expect(bad.status).toBe(400)
    const patched = await api(server, `/api/admin/sessions/${session.id}`, { method: 'PATCH', body: { personal_data: 'redact' }, device: leader })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    expect(patched.body.personal_data).toBe('redact')
  })
})

describe('personal data on built-in providers only', () => {
  it('records the finding and lets the run go on, since nothing leaves the building', async () => {
    const runId = await createRun(builtinOnly, { perspective: 'bauhaus', input_text: 'Lisa Müller auf einem Einhorn', output: 'image_builtin' })
    expect((await waitForRun(builtinOnly, runId)).status).toBe('completed')
    const record = readRunMetadata(builtinOnly.dataDir, runId).stages.find(stage => stage.name === 'personal_data')!
    expect(record).toMatchObject({
      status: 'done', provider: 'builtin_personal_data', model: 'personal-data-v1',
      detail: { idea: { action: 'kept_inside', outside_providers: [], found: [{ kind: 'name', text: 'Lisa Müller' }] }, prompt: { action: 'kept_inside' } },
    })
  })
})
