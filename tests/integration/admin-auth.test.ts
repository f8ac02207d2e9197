import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device } from '../support/api'
import { errorMessage, rawRequest } from '../support/raw-http'
import { startServer, type TestServer } from '../support/server'

const servers: TestServer[] = []
afterAll(() => Promise.all(servers.map(server => server.stop())))

async function serve(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options)
  servers.push(server)
  return server
}

const withAdmin = (env: Record<string, string> = {}) => serve({ env: { NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env } })
const login = (server: TestServer, name: string, password: string, device = new Device()) =>
  api(server, '/api/admin/login', { body: { name, password }, device })
const sessionCookieLine = (headers: Headers) => headers.getSetCookie().find(line => line.startsWith('ai4a_leader='))
/** A sign-in from another client address (127.0.0.x): Linux routes all of 127.0.0.0/8 to loopback. */
async function loginFrom(server: TestServer, address: string, name: string, password: string) {
  const response = await rawRequest(server, '/api/admin/login', { method: 'POST', localAddress: address, headers: { 'content-type': 'application/json', cookie: '' }, body: JSON.stringify({ name, password }) })
  return { status: response.status, retryAfter: Number(response.headers['retry-after'] ?? 0), message: errorMessage(response) }
}

const CLI = resolve(import.meta.dirname, '../../server/cli/leader-add.mjs')
function leaderAdd(dataDir: string, name: string, password: string): Promise<{ code: number | null, output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, name], { env: { ...process.env, NUXT_DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => { output += chunk })
    child.stderr.on('data', (chunk) => { output += chunk })
    child.on('exit', code => done({ code, output }))
    child.stdin.end(`${password}\n`)
  })
}

describe('leader sign-in', () => {
  it('has no default login: without NUXT_ADMIN_PASSWORD nobody can sign in', async () => {
    const server = await serve()
    for (const [name, password] of [['admin', 'admin'], ['admin', 'password'], ['admin', 'test-password-123'], ['admin', '']]) {
      expect((await login(server, name!, password!)).status).toBeOneOf([400, 401])
    }
    expect((await api(server, '/api/admin/leaders')).status).toBe(401)
  })

  it('creates admin from NUXT_ADMIN_PASSWORD without logging the password, and ignores it once a leader exists', async () => {
    const first = await withAdmin()
    expect((await login(first, 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200)
    expect(first.output()).toContain('created the first course leader "admin"')
    expect(first.output()).not.toContain(TEST_ADMIN_PASSWORD)
    await first.stop()
    const again = await serve({ dataDir: first.dataDir, env: { NUXT_ADMIN_PASSWORD: 'another-password-456' } })
    expect((await login(again, 'admin', 'another-password-456')).status).toBe(401)
    expect((await login(again, 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200)
    expect(again.output()).not.toContain('created the first course leader')
  })

  it('refuses to start with an NUXT_ADMIN_PASSWORD shorter than 10 characters', async () => {
    await expect(startServer({ env: { NUXT_ADMIN_PASSWORD: 'short' } })).rejects.toThrow(/NUXT_ADMIN_PASSWORD: must be at least 10 characters/)
  })

  it('signs in, answers /me, and signs out', async () => {
    const server = await withAdmin()
    const device = new Device()
    const response = await login(server, 'admin', TEST_ADMIN_PASSWORD, device)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ leader: { name: 'admin' } })
    expect(await api(server, '/api/admin/me', { device })).toMatchObject({ status: 200, body: { leader: { name: 'admin' } } })
    expect((await api(server, '/api/admin/logout', { method: 'POST', device })).status).toBe(204)
    expect((await api(server, '/api/admin/me', { device })).status).toBe(401)
  })

  it('answers a wrong password and an unknown name with the same 401', async () => {
    const server = await withAdmin()
    const wrong = await login(server, 'admin', 'wrong-password-1')
    const unknown = await login(server, 'nobody', TEST_ADMIN_PASSWORD)
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(unknown.body.statusMessage).toBe(wrong.body.statusMessage)
    expect(sessionCookieLine(wrong.headers)).toBeUndefined()
    expect((await api(server, '/api/admin/login', { body: { name: 'admin' } })).status).toBe(400)
  })

  it('cannot be used to lock the teacher out: 5 wrong passwords from one address stop that address only', async () => {
    const server = await withAdmin()
    for (let attempt = 0; attempt < 5; attempt++) expect((await loginFrom(server, '127.0.0.2', 'admin', `wrong-password-${attempt}`)).status).toBe(401)
    const refused = await loginFrom(server, '127.0.0.2', 'admin', TEST_ADMIN_PASSWORD)
    expect(refused.status).toBe(429)
    expect(refused.retryAfter).toBeGreaterThan(800)
    expect(refused.message).toMatch(/Too many failed sign-ins/)
    // The teacher at another address gets in with the right password, only a little slower.
    expect((await loginFrom(server, '127.0.0.3', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200)
  })

  it('stops an address that guesses many names, and slows every attempt at a name that keeps failing, without blocking it', async () => {
    const server = await withAdmin()
    const wrong = Array.from({ length: 30 }, (_, i) => loginFrom(server, '127.0.0.4', `guess-${i}`, 'wrong-password'))
    expect((await Promise.all(wrong)).every(answer => answer.status === 401)).toBe(true)
    expect((await loginFrom(server, '127.0.0.4', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(429)
    for (const address of ['127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9']) expect((await loginFrom(server, address, 'admin', 'wrong-password')).status).toBe(401)
    // Five failures for admin from five addresses: the next attempt waits (250 ms doubled twice) but is let in.
    const started = Date.now()
    expect((await loginFrom(server, '127.0.0.10', 'admin', TEST_ADMIN_PASSWORD)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })

  it('answers /me with 401 to anonymous, to a participant and to a forged or garbled cookie', async () => {
    const server = await withAdmin()
    const anonymous = await api(server, '/api/admin/me', { device: new Device() })
    expect(anonymous.status).toBe(401)
    expect(sessionCookieLine(anonymous.headers)).toBeUndefined()
    const student = new Device()
    expect((await api(server, '/api/join', { body: {}, device: student })).status).toBeLessThan(300)
    expect((await api(server, '/api/admin/me', { device: student })).status).toBe(401)
    const leader = await signInAsLeader(server)
    const token = leader.cookies.get('ai4a_leader')!
    const tampered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`
    for (const value of [tampered, 'garbage', 'x', token.slice(0, -5), '../leaders/admin']) {
      const forged = new Device()
      forged.cookies.set('ai4a_leader', value)
      expect((await api(server, '/api/admin/me', { device: forged })).status).toBe(401)
    }
  })

  it('signs out a session whose leader account was removed', async () => {
    const server = await withAdmin()
    const admin = await signInAsLeader(server)
    expect((await api(server, '/api/admin/leaders', { body: { name: 'temp.leader', password: 'temporary-pass-1' }, device: admin })).status).toBe(201)
    const temp = await signInAsLeader(server, 'temp.leader', 'temporary-pass-1')
    rmSync(join(server.dataDir, 'leaders', 'temp.leader.json'))
    expect((await api(server, '/api/admin/me', { device: temp })).status).toBe(401)
    expect((await api(server, '/api/admin/me', { device: admin })).status).toBe(200)
  })

  it('lets a leader add and list leaders; nobody else can', async () => {
    const server = await withAdmin()
    const admin = await signInAsLeader(server)
    expect((await api(server, '/api/admin/leaders', { body: { name: 'maria', password: 'long-password-1' }, device: new Device() })).status).toBe(401)
    const created = await api(server, '/api/admin/leaders', { body: { name: 'maria', password: 'long-password-1' }, device: admin })
    expect(created).toMatchObject({ status: 201, body: { leader: { name: 'maria' } } })
    expect((await api(server, '/api/admin/leaders', { body: { name: 'maria', password: 'long-password-2' }, device: admin })).status).toBe(409)
    expect((await api(server, '/api/admin/leaders', { body: { name: 'short', password: 'too-short' }, device: admin })).status).toBe(400)
    expect((await api(server, '/api/admin/leaders', { body: { name: 'Not OK', password: 'long-password-1' }, device: admin })).status).toBe(400)
    const list = await api(server, '/api/admin/leaders', { device: admin })
    expect(list.body.leaders.map((leader: { name: string }) => leader.name)).toEqual(['admin', 'maria'])
    expect(JSON.stringify(list.body)).not.toContain('scrypt')
    expect((await login(server, 'maria', 'long-password-1')).status).toBe(200)
  })

  it('creates a leader with the CLI that can sign in, and refuses a taken name and a short password', async () => {
    const server = await serve()
    const created = await leaderAdd(server.dataDir, 'lehrer', 'cli-password-123')
    expect(created.code, created.output).toBe(0)
    expect(created.output).not.toContain('cli-password-123')
    expect((await login(server, 'lehrer', 'cli-password-123')).status).toBe(200)
    const duplicate = await leaderAdd(server.dataDir, 'lehrer', 'other-password-123')
    expect(duplicate.code).not.toBe(0)
    expect(duplicate.output).toContain('already exists')
    expect((await login(server, 'lehrer', 'cli-password-123')).status).toBe(200)
    const short = await leaderAdd(server.dataDir, 'kurz', 'short')
    expect(short.code).not.toBe(0)
    expect(short.output).toContain('at least 10 characters')
    expect((await leaderAdd(server.dataDir, 'Bad Name', 'cli-password-123')).code).not.toBe(0)
  })
})

/** Another browser holding a copy of `device`'s cookies, as an attacker with a stolen cookie would. */
function copyOf(device: Device) {
  const copy = new Device()
  for (const [name, value] of device.cookies) copy.cookies.set(name, value)
  return copy
}
const me = (server: TestServer, device: Device) => api(server, '/api/admin/me', { device }).then(response => response.status)
const auditActions = async (server: TestServer, device: Device) =>
  (await api(server, '/api/admin/audit', { device })).body.entries.map((entry: { action: string, detail?: unknown }) => ({ action: entry.action, detail: entry.detail }))

describe('leader sessions the server can end', () => {
  it('ends the session at sign-out: a copy of the old cookie is refused at once', async () => {
    const server = await withAdmin()
    const laptop = await signInAsLeader(server)
    const stolen = copyOf(laptop)
    expect(await me(server, stolen)).toBe(200)
    const out = await api(server, '/api/admin/logout', { method: 'POST', device: laptop })
    expect(out.status).toBe(204)
    expect(sessionCookieLine(out.headers)).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    expect(await me(server, stolen)).toBe(401)
  })

  it('gives anonymous visitors no cookie: nuxt-auth-utils\' session routes are gone', async () => {
    const server = await withAdmin()
    for (const path of ['/', '/admin/login', '/api/_auth/session', '/api/admin/me']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.headers.getSetCookie(), path).toEqual([])
    }
    expect((await fetch(`${server.url}/api/_auth/session`)).status).toBe(404)
    const leader = await signInAsLeader(server)
    const deleted = await api(server, '/api/_auth/session', { method: 'DELETE', device: leader })
    expect(deleted.status).toBe(404)
    expect(await me(server, leader)).toBe(200)
  })

  it('signs a leader out everywhere, other leaders stay signed in, and the audit log says so', async () => {
    const server = await withAdmin()
    const admin = await signInAsLeader(server)
    expect((await api(server, '/api/admin/leaders', { body: { name: 'maria', password: 'long-password-1' }, device: admin })).status).toBe(201)
    const [laptop, ipad, maria] = [await signInAsLeader(server), await signInAsLeader(server), await signInAsLeader(server, 'maria', 'long-password-1')]
    expect((await api(server, '/api/admin/me/sessions', { method: 'DELETE', device: laptop })).status).toBe(204)
    expect([await me(server, admin), await me(server, laptop), await me(server, ipad), await me(server, maria)]).toEqual([401, 401, 401, 200])
    expect(await auditActions(server, maria)).toContainEqual({ action: 'leader.sign_out_everywhere', detail: { sessions: 3 } })
  })

  it('changes the password only with the current one; other sessions end, this one stays, the old password stops working', async () => {
    const server = await withAdmin()
    const [laptop, ipad] = [await signInAsLeader(server), await signInAsLeader(server)]
    const change = (current_password: string, new_password: string) => api(server, '/api/admin/me/password', { method: 'PUT', body: { current_password, new_password }, device: laptop })
    expect((await change('wrong-password-1', 'brand-new-password')).status).toBe(401)
    expect((await change(TEST_ADMIN_PASSWORD, 'short')).status).toBe(400)
    expect(await me(server, ipad)).toBe(200)
    expect((await change(TEST_ADMIN_PASSWORD, 'brand-new-password')).status).toBe(204)
    expect([await me(server, laptop), await me(server, ipad)]).toEqual([200, 401])
    expect((await login(server, 'admin', TEST_ADMIN_PASSWORD)).status).toBe(401)
    expect((await login(server, 'admin', 'brand-new-password')).status).toBe(200)
    expect(await auditActions(server, laptop)).toContainEqual({ action: 'leader.password_change', detail: { other_sessions_ended: 1 } })
    expect((await api(server, '/api/admin/me/password', { method: 'PUT', body: { current_password: 'brand-new-password', new_password: 'another-one-123' }, device: new Device() })).status).toBe(401)
  })

  it('removes a leader, ending all their sessions; the last leader cannot be removed', async () => {
    const server = await withAdmin()
    const admin = await signInAsLeader(server)
    expect((await api(server, '/api/admin/leaders', { body: { name: 'maria', password: 'long-password-1' }, device: admin })).status).toBe(201)
    const maria = await signInAsLeader(server, 'maria', 'long-password-1')
    expect((await api(server, '/api/admin/leaders/nobody', { method: 'DELETE', device: admin })).status).toBe(404)
    expect((await api(server, '/api/admin/leaders/maria', { method: 'DELETE', device: new Device() })).status).toBe(401)
    expect((await api(server, '/api/admin/leaders/maria', { method: 'DELETE', device: admin })).status).toBe(204)
    expect(await me(server, maria)).toBe(401)
    expect((await login(server, 'maria', 'long-password-1')).status).toBe(401)
    const last = await api(server, '/api/admin/leaders/admin', { method: 'DELETE', device: admin })
    expect(last.status).toBe(409)
    expect(last.body.statusMessage).toMatch(/last course leader/)
    expect(await me(server, admin)).toBe(200)
    expect(await auditActions(server, admin)).toContainEqual({ action: 'leader.remove', detail: { name: 'maria', sessions_ended: 1 } })
  })

  it('lets a leader remove themselves while another leader remains, and signs them out', async () => {
    const server = await withAdmin()
    const admin = await signInAsLeader(server)
    expect((await api(server, '/api/admin/leaders', { body: { name: 'maria', password: 'long-password-1' }, device: admin })).status).toBe(201)
    const removed = await api(server, '/api/admin/leaders/admin', { method: 'DELETE', device: admin })
    expect(removed.status).toBe(204)
    expect(sessionCookieLine(removed.headers)).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    expect(await me(server, admin)).toBe(401)
  })

  it('ends a session after NUXT_LEADER_IDLE_SECONDS without requests', async () => {
    const server = await withAdmin({ NUXT_LEADER_IDLE_SECONDS: '1' })
    const leader = await signInAsLeader(server)
    // Only a lower bound on the wait: a slower machine makes the session more idle, never less.
    await new Promise(resolve => setTimeout(resolve, 1500))
    expect(await me(server, leader)).toBe(401)
  })

  it('gives the cookie the lifetime NUXT_LEADER_SESSION_SECONDS sets', async () => {
    const server = await withAdmin({ NUXT_LEADER_SESSION_SECONDS: '3600' })
    expect(sessionCookieLine((await login(server, 'admin', TEST_ADMIN_PASSWORD)).headers)).toMatch(/Max-Age=3600/)
  })
})

describe('leader session cookie', () => {
  it('is Secure, HttpOnly and SameSite=Lax by default', async () => {
    const server = await withAdmin()
    const line = sessionCookieLine((await login(server, 'admin', TEST_ADMIN_PASSWORD)).headers)!
    expect(line).toMatch(/;\s*Secure/i)
    expect(line).toMatch(/;\s*HttpOnly/i)
    expect(line).toMatch(/;\s*SameSite=Lax/i)
  })

  it('is not Secure with NUXT_INSECURE_COOKIES=true, for a plain-http school LAN', async () => {
    const server = await withAdmin({ NUXT_INSECURE_COOKIES: 'true' })
    const line = sessionCookieLine((await login(server, 'admin', TEST_ADMIN_PASSWORD)).headers)!
    expect(line).not.toMatch(/Secure/i)
    expect(line).toMatch(/;\s*HttpOnly/i)
    expect(server.output()).toContain('NUXT_INSECURE_COOKIES=true')
  })
})
