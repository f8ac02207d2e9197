import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device, healthDetails } from '../support/api'
import { createRun } from '../support/run-files'
import { startServer, TEST_HEALTH_TOKEN, type TestServer } from '../support/server'

/**
 * The attacker's findings against the built server, one by one: a page on another port of the
 * same host posting forms with the leader's cookie, missing security headers, a talkative health route.
 */
let server: TestServer
let leader: Device
let elsewhere: string

beforeAll(async () => {
  server = await startServer({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD } })
  leader = await signInAsLeader(server)
  elsewhere = `http://127.0.0.1:${server.port + 1}`
})
afterAll(() => server?.stop())

/** What a browser sends for a form of another page: its type, its Origin and Sec-Fetch-Site, and the leader's cookie. */
function crossSite(path: string, options: { method?: string, type?: string, body?: string, origin?: string | null, site?: string | null, device?: Device } = {}) {
  const headers: Record<string, string> = {}
  if (options.type !== undefined) headers['content-type'] = options.type
  if (options.origin !== null) headers.origin = options.origin ?? elsewhere
  if (options.site !== null) headers['sec-fetch-site'] = options.site ?? 'same-site'
  return api(server, path, { method: options.method ?? 'POST', body: options.body, headers, device: options.device ?? leader })
}

const leaderNames = async () => (await api(server, '/api/admin/leaders', { device: leader })).body.leaders.map((entry: { name: string }) => entry.name)

describe('state changes from another site', () => {
  it('refuses the attacker\'s text/plain form that would create a leader, and no leader appears', async () => {
    const form = '{"name":"mallory","password":"0123456789=abc"}'
    for (const [type, origin, site] of [['text/plain', undefined, undefined], ['text/plain', undefined, null], ['text/plain', null, 'cross-site'], ['application/x-www-form-urlencoded', undefined, undefined], ['application/json', undefined, undefined]] as const) {
      const response = await crossSite('/api/admin/leaders', { type, body: form, origin, site })
      expect(response.status, `${type} ${origin} ${site}`).toBe(403)
      expect(response.body.statusMessage).toMatch(/another site/)
    }
    expect(await leaderNames()).toEqual(['admin'])
  })

  it('refuses a form without Origin or Sec-Fetch-Site (an old browser, or a script) unless it is JSON', async () => {
    const refused = await crossSite('/api/admin/leaders', { type: 'text/plain', body: '{"name":"mallory","password":"0123456789=abc"}', origin: null, site: null })
    expect(refused.status).toBe(403)
    expect(refused.body.statusMessage).toBe('Send this request with Content-Type: application/json.')
    expect(await leaderNames()).toEqual(['admin'])
  })

  it('refuses session creation, hide, unhide, retention, sign-out and the student routes from another site alike', async () => {
    const student = new Device()
    expect((await api(server, '/api/join', { body: {}, device: student })).status).toBe(200)
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Boot auf dem See' }, student)
    const attempts: Array<[string, string, Device]> = [
      ['POST', '/api/admin/sessions', leader], ['POST', `/api/admin/runs/${runId}/hide`, leader], ['POST', `/api/admin/runs/${runId}/unhide`, leader],
      ['POST', '/api/admin/retention/apply', leader], ['PUT', '/api/admin/retention', leader], ['POST', '/api/admin/logout', leader],
      ['DELETE', '/api/admin/me/sessions', leader], ['DELETE', `/api/admin/runs/${runId}`, leader],
      ['POST', '/api/join', student], ['POST', '/api/runs', student], ['POST', `/api/runs/${runId}/cancel`, student], ['PATCH', '/api/me', student],
    ]
    for (const [method, path, device] of attempts) {
      expect((await crossSite(path, { method, type: 'text/plain', body: '{"name":"x","reason":"x","global_days":1}', device })).status, `${method} ${path}`).toBe(403)
    }
    expect((await api(server, '/api/admin/sessions', { device: leader })).body.sessions.map((session: { id: string }) => session.id)).toEqual(['studio'])
    expect(readdirSync(join(server.dataDir, 'runs'))).toContain(runId)
    expect((await api(server, `/api/admin/runs/${runId}`, { device: leader })).body.hidden).toBeFalsy()
    expect((await api(server, '/api/admin/me', { device: leader })).status).toBe(200)
  })

  it('accepts the app\'s own requests: JSON from its own origin, and a same-origin request without a body', async () => {
    const own = { origin: server.url, 'sec-fetch-site': 'same-origin' }
    const created = await api(server, '/api/admin/sessions', { body: { name: 'Klasse 4b' }, headers: own, device: leader })
    expect(created.status).toBe(201)
    const probe = await signInAsLeader(server)
    const bare = await fetch(`${server.url}/api/admin/logout`, { method: 'POST', headers: { ...own, cookie: probe.cookieHeader } })
    expect(bare.status).toBe(204)
    expect((await api(server, '/api/admin/me', { device: probe })).status).toBe(401)
  })

  it('takes multipart/form-data nowhere but on the upload routes', async () => {
    const form = new FormData()
    form.set('name', 'mallory')
    const response = await fetch(`${server.url}/api/admin/leaders`, { method: 'POST', body: form, headers: { origin: server.url, cookie: leader.cookieHeader } })
    expect(response.status).toBe(403)
    expect(await leaderNames()).toEqual(['admin'])
  })
})

describe('headers on every response', () => {
  it('forbids framing and sniffing, keeps referrers inside the app and does not name the framework', async () => {
    for (const path of ['/', '/admin/login', '/api/health', '/api/perspectives', '/api/no-such-route', '/manifest.webmanifest']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.headers.get('x-frame-options'), path).toBe('DENY')
      expect(response.headers.get('content-security-policy'), path).toContain('frame-ancestors \'none\'')
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      // Nitro's error answers send the stricter no-referrer.
      expect(response.headers.get('referrer-policy'), path).toMatch(response.ok ? /^same-origin$/ : /^no-referrer$/)
      expect(response.headers.get('x-powered-by'), path).toBeNull()
    }
    const refused = await crossSite('/api/admin/leaders', { type: 'text/plain', body: '{}' })
    expect(refused.headers.get('x-frame-options')).toBe('DENY')
  })
})

describe('/api/health', () => {
  it('tells anonymous visitors status, version and the storage id only: no paths, host, pid or instances', async () => {
    const anonymous = await api(server, '/api/health', { device: new Device() })
    expect(anonymous.status).toBe(200)
    const details = await healthDetails(server)
    expect(anonymous.body).toEqual({ status: 'ok', version: details.version, commit: null, storage: { id: details.storage.id } })
    const text = JSON.stringify(anonymous.body)
    for (const secret of [server.dataDir, String(server.process.pid), details.instance.hostname, details.instance.id]) expect(text).not.toContain(secret)
    const wrongToken = await api(server, '/api/health', { headers: { authorization: `Bearer ${TEST_HEALTH_TOKEN}x` }, device: new Device() })
    expect(wrongToken.body.instance).toBeUndefined()
  })

  it('shows the details to a signed-in leader and with the health token', async () => {
    expect((await api(server, '/api/health', { device: leader })).body).toMatchObject({ instance: { pid: server.process.pid }, storage: { data_dir: expect.any(String) }, instances: expect.any(Array) })
    expect((await healthDetails(server)).instance.pid).toBe(server.process.pid)
  })
})
