import { request } from 'node:http'
import type { RunStatusView } from '#shared/schemas/run'
import { TEST_HEALTH_TOKEN, type TestServer } from './server'

export interface ApiResponse<T = any> { status: number, headers: Headers, body: T }

/**
 * A browser's cookie jar: one iPad, or a leader's laptop. The server ties runs to the participant
 * cookie, so a test that plays several students gives each their own Device.
 */
export class Device {
  readonly cookies = new Map<string, string>()

  /**
   * `address`: the loopback address this device's requests come from (127.0.0.2, 127.0.0.3…:
   * Linux routes all of 127.0.0.0/8 to loopback), so a test can play several schools or an attacker.
   */
  constructor(readonly address?: string) {}
  /** The studio join in flight, shared by calls that start at the same moment. */
  joining: Promise<void> | null = null

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      const name = pair!.slice(0, at).trim()
      const value = pair!.slice(at + 1).trim()
      if (value && !/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.set(name, value)
      else this.cookies.delete(name)
    }
  }
}

/**
 * Joins the open studio once per device, as the join page does before any run: two runs started
 * at once from a device that never joined would otherwise become two participants.
 */
export async function ensureJoined(server: TestServer, device = defaultDevice(server)): Promise<void> {
  if (device.cookies.has('ai4a_participant')) return
  device.joining ??= api(server, '/api/join', { body: {}, device }).then((response) => {
    if (response.status !== 200) throw new Error(`Joining the open studio failed: ${response.status} ${JSON.stringify(response.body)}`)
  }).finally(() => { device.joining = null })
  await device.joining
}

const defaultDevices = new Map<string, Device>()

/**
 * The device calls use when the test names none: every such call on one data directory acts as
 * one iPad, also across a server restart.
 */
export function defaultDevice(server: TestServer): Device {
  let device = defaultDevices.get(server.dataDir)
  if (!device) defaultDevices.set(server.dataDir, device = new Device())
  return device
}

export interface ApiInit { method?: string, body?: unknown, headers?: Record<string, string>, device?: Device }

/** One HTTP call with a JSON body as `device` (the server's default device if none); answers with status, headers and the parsed body. */
export async function api<T = any>(server: TestServer, path: string, init: ApiInit = {}): Promise<ApiResponse<T>> {
  const device = init.device ?? defaultDevice(server)
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST')
  const sent = {
    method,
    headers: {
      // As a script must: the server takes state changes only as JSON (or from its own pages).
      ...(init.body === undefined && ['GET', 'HEAD'].includes(method) ? {} : { 'content-type': 'application/json' }),
      ...(device.cookies.size ? { cookie: device.cookieHeader } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  }
  const response = device.address
    ? await fetchFrom(device.address, `${server.url}${path}`, sent)
    : await fetch(`${server.url}${path}`, sent)
  device.remember(response)
  const text = await response.text()
  let body: unknown = text
  try { body = text ? JSON.parse(text) : null }
  catch { /* not JSON: keep the text */ }
  return { status: response.status, headers: response.headers, body: body as T }
}

/** fetch cannot choose its source address; node:http can (`localAddress`). Answers a fetch Response. */
function fetchFrom(localAddress: string, url: string, init: { method: string, headers: Record<string, string>, body?: string }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers, localAddress }, (res) => {
      const parts: Buffer[] = []
      res.on('data', (chunk: Buffer) => parts.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const headers = new Headers()
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one)
        }
        resolve(new Response(res.statusCode === 204 || res.statusCode === 304 ? null : Buffer.concat(parts), { status: res.statusCode, headers }))
      })
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** Every detail of /api/health: test servers have NUXT_HEALTH_TOKEN set (server.ts), as monitoring would. */
export async function healthDetails(server: TestServer): Promise<any> {
  const response = await api(server, '/api/health', { headers: { authorization: `Bearer ${TEST_HEALTH_TOKEN}` } })
  if (response.status !== 200) throw new Error(`/api/health answered ${response.status}`)
  return response.body
}

/** Polls a run until `done` says so; fails with the last status seen. */
export async function waitForRun(server: TestServer, runId: string, done: (run: RunStatusView) => boolean = run => ['completed', 'blocked', 'failed', 'cancelled', 'awaiting_output'].includes(run.status), timeoutMs = 30_000, device?: Device): Promise<RunStatusView> {
  const deadline = Date.now() + timeoutMs
  let last: RunStatusView | undefined
  while (Date.now() < deadline) {
    const response = await api<RunStatusView>(server, `/api/runs/${runId}`, { device })
    if (response.status === 200) {
      last = response.body
      if (done(last)) return last
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`Run ${runId} did not reach the expected state; last seen: ${JSON.stringify(last)}`)
}
