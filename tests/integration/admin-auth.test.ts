import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { api, Device } from '../support/api'
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
const sessionCookieLine = (headers: Headers) => headers.getSetCookie().find(line => line.startsWith('nuxt-session='))

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

  it('refuses sign-in with 429 and Retry-After after 5 failures, even with the right password', async () => {
    const server = await withAdmin()
    for (let attempt = 0; attempt < 5; attempt++) expect((await login(server, 'admin', `wrong-password-${attempt}`)).status).toBe(401)
    const refused = await login(server, 'admin', TEST_ADMIN_PASSWORD)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800)
    expect(refused.body.statusMessage).toMatch(/Too many failed sign-ins/)
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
    const sealed = leader.cookies.get('nuxt-session')!
    const tampered = `${sealed.slice(0, 60)}${sealed[60] === 'A' ? 'B' : 'A'}${sealed.slice(61)}`
    for (const value of [tampered, 'Fe26.2**garbage', 'x', sealed.slice(0, -5)]) {
      const forged = new Device()
      forged.cookies.set('nuxt-session', value)
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
