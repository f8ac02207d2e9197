import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { backendFetch, retryAfterSeconds } from '../../../../../../server/utils/providers/backends/backend-http'

type Answer = (request: IncomingMessage, response: ServerResponse) => void

let server: Server | null = null

/** A loopback server answering each request with the next scripted answer. */
async function scripted(answers: Answer[]) {
  const times: number[] = []
  server = createServer((request, response) => {
    times.push(Date.now())
    const answer = answers.shift() ?? ((_, res) => res.writeHead(200).end('{"ok":true}'))
    answer(request, response)
  })
  await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, times }
}

const status = (code: number, headers: Record<string, string> = {}, body = '{"error":{"message":"nope"}}'): Answer =>
  (_, response) => response.writeHead(code, { 'content-type': 'application/json', ...headers }).end(body)

const options = { label: 'fake (loopback)', retries: 3, timeoutMs: 2000, backoffMs: 10 }

afterEach(async () => {
  await new Promise(resolve => server ? server.close(resolve) : resolve(null))
  server = null
})

describe('backendFetch', () => {
  it('tries again after 5xx and returns the first 2xx', async () => {
    const fake = await scripted([status(503), status(500)])
    const response = await backendFetch(fake.url, {}, options)
    expect(await response.json()).toEqual({ ok: true })
    expect(fake.times).toHaveLength(3)
  })

  it('waits as long as Retry-After asks after a 429', async () => {
    const fake = await scripted([status(429, { 'retry-after': '1' })])
    await backendFetch(fake.url, {}, options)
    expect(fake.times[1]! - fake.times[0]!).toBeGreaterThanOrEqual(950)
  })

  it('never retries another 4xx and says what the backend answered', async () => {
    const fake = await scripted([status(401, {}, '{"error":{"message":"Incorrect API key provided"}}')])
    const error = await backendFetch(fake.url, {}, options).catch(caught => caught)
    expect(error).toBeInstanceOf(BackendError)
    expect(error.kind).toBe('rejected')
    expect(error.message).toBe('fake (loopback) answered 401 Unauthorized: Incorrect API key provided')
    expect(fake.times).toHaveLength(1)
  })

  it('gives up after the configured retries with the last answer', async () => {
    const fake = await scripted([status(503), status(503), status(503), status(503)])
    const error = await backendFetch(fake.url, {}, options).catch(caught => caught)
    expect(error.kind).toBe('server_error')
    expect(fake.times).toHaveLength(4)
  })

  it('names a backend that refuses connections', async () => {
    const fake = await scripted([])
    await new Promise(resolve => server!.close(resolve))
    server = null
    const error = await backendFetch(fake.url, {}, { ...options, retries: 1 }).catch(caught => caught)
    expect(error.kind).toBe('unreachable')
    expect(error.message).toBe('fake (loopback) could not be reached: connection refused (is it running?)')
  })

  it('times out a slow try and counts it as worth another', async () => {
    const fake = await scripted([() => { /* never answers */ }])
    const response = await backendFetch(fake.url, {}, { ...options, timeoutMs: 200 })
    expect(response.ok).toBe(true)
    expect(fake.times).toHaveLength(2)
  })

  it('stops at once when its caller aborts', async () => {
    const fake = await scripted([() => { /* never answers */ }])
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('cancelled')), 50)
    await expect(backendFetch(fake.url, {}, { ...options, signal: controller.signal })).rejects.toThrow('cancelled')
    expect(fake.times).toHaveLength(1)
  })
})

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('7')).toBe(7)
    expect(retryAfterSeconds('Mon, 23 Nov 2026 10:00:30 GMT', Date.parse('Mon, 23 Nov 2026 10:00:00 GMT'))).toBe(30)
    expect(retryAfterSeconds('soon')).toBeNull()
    expect(retryAfterSeconds(null)).toBeNull()
  })
})
