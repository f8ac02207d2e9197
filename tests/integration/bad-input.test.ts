import { Agent } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { api, waitForRun } from '../support/api'
import { errorMessage, rawRequest } from '../support/raw-http'
import { createRun, readRunMetadata, runIdsOnDisk } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

const UNKNOWN_RUN = '00000000-0000-4000-8000-000000000000'
const idea = (extra: Record<string, unknown> = {}) => ({ perspective: 'bauhaus', input_text: 'Ein Haus mit Garten', ...extra })

let server: TestServer
/** A run waiting for the student's choice of output. */
let waitingRunId: string
let runsBefore: string[]

beforeAll(async () => {
  // One job at a time, so a run created behind others is reliably still queued.
  server = await startServer({ env: { NUXT_QUEUE_CONCURRENCY: '1' } })
  waitingRunId = await createRun(server, idea())
  expect((await waitForRun(server, waitingRunId)).status).toBe('awaiting_output')
})

afterAll(async () => {
  await server?.stop()
})

const postRun = (body: unknown, headers: Record<string, string> = {}) =>
  rawRequest(server, '/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })

describe('creating a run with bad input', () => {
  beforeEach(() => {
    runsBefore = runIdsOnDisk(server.dataDir)
  })
  const expectNoRunCreated = () => expect(runIdsOnDisk(server.dataDir)).toEqual(runsBefore)

  it('answers 404 naming an unknown perspective', async () => {
    const response = await postRun(idea({ perspective: 'cubism_deluxe' }))
    expect(response.status).toBe(404)
    expect(errorMessage(response)).toBe('Unknown perspective "cubism_deluxe"')
    expectNoRunCreated()
  })

  it('answers 404 naming an unknown output', async () => {
    const response = await postRun(idea({ output: 'hologram_3000' }))
    expect(response.status).toBe(404)
    expect(errorMessage(response)).toBe('Unknown output "hologram_3000"')
    expectNoRunCreated()
  })

  it('answers 400 for malformed JSON', async () => {
    const response = await postRun('{"perspective": "bauhaus", "input_text": ')
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toMatch(/not valid JSON/)
    expectNoRunCreated()
  })

  it('answers 400 for a body that is not a JSON object', async () => {
    const response = await postRun('["bauhaus"]')
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toMatch(/JSON object/)
    expectNoRunCreated()
  })

  it('answers 400 naming a field of the wrong type', async () => {
    const response = await postRun(idea({ seed: 'forty-two' }))
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toMatch(/^Invalid field "seed"/)
    expectNoRunCreated()
  })

  it('answers 400 naming an unknown extra field', async () => {
    const response = await postRun(idea({ favourite_colour: 'green' }))
    expect(response.status).toBe(400)
    expect(errorMessage(response)).toMatch(/favourite_colour/)
    expectNoRunCreated()
  })

  it('answers 400 for an empty idea', async () => {
    for (const input_text of ['', '    ']) {
      const response = await postRun(idea({ input_text }))
      expect(response.status).toBe(400)
      expect(errorMessage(response)).toBe('Invalid field "input_text": must not be empty')
    }
    expectNoRunCreated()
  })

  it('answers 400 or 413 naming the field for an idea of 2001 characters', async () => {
    const response = await postRun(idea({ input_text: 'a'.repeat(2001) }))
    expect([400, 413]).toContain(response.status)
    expect(errorMessage(response)).toBe('Invalid field "input_text": must be at most 2000 characters')
    expectNoRunCreated()
  })

  it('accepts an idea of exactly 2000 characters', async () => {
    const response = await postRun(idea({ input_text: 'a'.repeat(2000) }))
    expect(response.status).toBe(202)
  })

  it('answers 413 for a body over 1 MB with a Content-Length', async () => {
    const body = JSON.stringify(idea({ input_text: 'a'.repeat(1024 * 1024) }))
    const response = await postRun(body, { 'Content-Length': String(Buffer.byteLength(body)) })
    expect(response.status).toBe(413)
    expect(errorMessage(response)).toMatch(/larger than 1 MB/)
    expectNoRunCreated()
  })

  it('answers 413 for a chunked body over 1 MB without a Content-Length', async () => {
    // Far over the limit: the client is still sending when the server has seen enough.
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const chunks = [Buffer.from('{"perspective":"bauhaus","input_text":"'), ...Array.from({ length: 128 }, () => chunk), Buffer.from('"}')]
    const response = await rawRequest(server, '/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, chunks })
    expect(response.status).toBe(413)
    expect(errorMessage(response)).toMatch(/larger than 1 MB/)
    expectNoRunCreated()
  })

  it('closes the connection after a 413, so a client that keeps connections alive can send its next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      for (const size of [1.5, 3]) {
        const chunks = [Buffer.from('{"perspective":"bauhaus","input_text":"'), Buffer.alloc(size * 1024 * 1024, 'a'), Buffer.from('"}')]
        const tooBig = await rawRequest(server, '/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, chunks, agent })
        expect(tooBig.status).toBe(413)
        expect(tooBig.headers.connection).toBe('close')
        const next = await rawRequest(server, '/api/health', { agent })
        expect(next.status).toBe(200)
      }
    }
    finally {
      agent.destroy()
    }
  })
})

describe('acting on a run that cannot take it', () => {
  it('answers 404 for an unknown run on every run route', async () => {
    const calls = [
      api(server, `/api/runs/${UNKNOWN_RUN}`),
      api(server, `/api/runs/${UNKNOWN_RUN}/interception`, { method: 'PATCH', body: { text: 'Hallo' } }),
      api(server, `/api/runs/${UNKNOWN_RUN}/generate`, { body: { output: 'image' } }),
      api(server, `/api/runs/${UNKNOWN_RUN}/cancel`, { method: 'POST' }),
    ]
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(404)
      expect(response.body.message).toBe(`Unknown run "${UNKNOWN_RUN}"`)
    }
  })

  it('answers 404 naming an unknown output on generate, and the run keeps waiting', async () => {
    const response = await api(server, `/api/runs/${waitingRunId}/generate`, { body: { output: 'hologram_3000' } })
    expect(response.status).toBe(404)
    expect(response.body.message).toBe('Unknown output "hologram_3000"')
    expect(readRunMetadata(server.dataDir, waitingRunId).status).toBe('awaiting_output')
  })

  it('answers 400 naming the field for a generate request with the wrong type or an extra field', async () => {
    const wrongType = await api(server, `/api/runs/${waitingRunId}/generate`, { body: { output: 7 } })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.message).toMatch(/^Invalid field "output"/)
    const extra = await api(server, `/api/runs/${waitingRunId}/generate`, { body: { output: 'image', quality: 'max' } })
    expect(extra.status).toBe(400)
    expect(extra.body.message).toMatch(/quality/)
  })

  it('answers 400 for an empty edit of the text', async () => {
    const response = await api(server, `/api/runs/${waitingRunId}/interception`, { method: 'PATCH', body: { text: '   ' } })
    expect(response.status).toBe(400)
    expect(response.body.message).toBe('Invalid field "text": must not be empty')
  })

  it('answers 409 to generate on a run that is still queued or running', async () => {
    const ahead = await Promise.all([1, 2, 3].map(n => createRun(server, idea({ input_text: `Ein Haus Nummer ${n}`, output: 'image_builtin' }))))
    const behind = await createRun(server, idea())
    const response = await api(server, `/api/runs/${behind}/generate`, { body: { output: 'image' } })
    expect(response.status).toBe(409)
    expect(response.body.message).toMatch(/^This run cannot generate now; it is (queued|running)$/)
    for (const runId of [...ahead, behind]) await waitForRun(server, runId)
    expect(readRunMetadata(server.dataDir, behind).status).toBe('awaiting_output')
  })
})
