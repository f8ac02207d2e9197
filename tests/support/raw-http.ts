import { type Agent, request } from 'node:http'
import { defaultDevice } from './api'
import type { TestServer } from './server'

export interface RawResponse { status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }

/**
 * One request sent with node:http, the path exactly as given: fetch would normalise `/../` and
 * `%2e%2e` away and hide the attack being tested. `chunks` are written one by one without a
 * Content-Length, so the body goes out chunked. Sends the cookies of the server's default device.
 * `localAddress` makes the request come from that address (127.0.0.x).
 */
export function rawRequest(server: TestServer, path: string, options: { method?: string, headers?: Record<string, string>, body?: Buffer | string, chunks?: Buffer[], agent?: Agent, localAddress?: string } = {}): Promise<RawResponse> {
  const device = defaultDevice(server)
  const headers = { ...(device.cookies.size ? { cookie: device.cookieHeader } : {}), ...options.headers }
  return new Promise((resolve, reject) => {
    // localAddress: Linux routes all of 127.0.0.0/8 to loopback, so a test can be several client addresses.
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers, agent: options.agent, localAddress: options.localAddress }, (res) => {
      const parts: Buffer[] = []
      res.on('data', (chunk: Buffer) => parts.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk)
      req.end()
    }
    else {
      req.end(options.body)
    }
  })
}

/** The JSON error body h3 answers with; its `message` is what clients show. */
export const errorMessage = (response: RawResponse) => (JSON.parse(response.body.toString('utf8')) as { message: string }).message
