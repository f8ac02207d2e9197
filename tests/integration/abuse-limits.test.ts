import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, Device } from '../support/api'
import { signInAsLeader, TEST_ADMIN_PASSWORD } from '../support/admin'
import { makeTempDir, startServer, type TestServer } from '../support/server'
import { HELD_OUTPUT, type HeldImages, startHeldImages } from '../support/held-images'

// Every picture is held back until the end and one job runs at a time, so runs stay waiting or running while a test counts them.
let images: HeldImages
let SLOW: Record<string, string>
const picture = (text: string) => ({ perspective: 'bauhaus', input_text: text, output: HELD_OUTPUT })

let server: TestServer
let leader: Device

const runFolders = (dataDir: string) => existsSync(join(dataDir, 'runs')) ? readdirSync(join(dataDir, 'runs')) : []

async function joined(address: string, code?: string): Promise<Device> {
  const device = new Device(address)
  const response = await api(server, '/api/join', { body: code ? { code } : {}, device })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return device
}

beforeAll(async () => {
  images = await startHeldImages()
  SLOW = { ...images.env, NUXT_QUEUE_CONCURRENCY: '1', NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }
  // The open studio's own limits as shipped; only the run rate per address is lowered, to reach it quickly.
  server = await startServer({ studioLimits: 'real', env: { ...SLOW, NUXT_LIMIT_RUNS_PER_ADDRESS: '8' } })
  leader = await signInAsLeader(server)
})
afterAll(async () => {
  images?.release()
  await server?.stop()
  await images?.close()
})

describe('starting a run', () => {
  it('needs a joined participant: a device that never joined is refused, in the open studio too, and nothing is stored', async () => {
    const stranger = new Device('127.0.0.2')
    const run = await api(server, '/api/runs', { body: picture('Ein Haus'), device: stranger })
    expect(run.status).toBe(403)
    expect(run.body.data.reason).toBe('not_joined')
    const compat = await api(server, '/api/schema/pipeline/execute', { body: { schema: 'bauhaus', input_text: 'Ein Haus' }, device: stranger })
    expect(compat.status).toBe(403)
    expect(stranger.cookies.size).toBe(0)
    expect(runFolders(server.dataDir)).toEqual([])
  })

  it('never takes over a participant id the client made up: it is refused, and joining hands out a new one', async () => {
    const planted = randomUUID()
    const device = new Device('127.0.0.2')
    device.cookies.set('ai4a_participant', planted)
    expect((await api(server, '/api/runs', { body: picture('Ein Baum'), device })).status).toBe(403)
    expect((await api(server, '/api/me', { device })).body.participant).toBeNull()
    expect((await api(server, '/api/join', { body: {}, device })).status).toBe(200)
    expect(device.cookies.get('ai4a_participant')).toMatch(/^[0-9a-f-]{36}$/)
    expect(device.cookies.get('ai4a_participant')).not.toBe(planted)
    expect(existsSync(join(server.dataDir, 'participants', planted))).toBe(false)
  })
})

describe('the open studio', () => {
  it('has limits per participant from the first start, and joining again keeps the participant and its count', async () => {
    const studio = (await api(server, '/api/admin/sessions/studio', { device: leader })).body
    expect(studio.session.limits).toEqual({ runs_per_hour: 30, runs_in_progress: 2 })
    const device = await joined('127.0.0.3')
    const participant = device.cookies.get('ai4a_participant')
    for (const n of [1, 2]) expect((await api(server, '/api/runs', { body: picture(`Ein Zug ${n}`), device })).status).toBe(202)
    const third = await api(server, '/api/runs', { body: picture('Ein Zug 3'), device })
    expect(third.status).toBe(429)
    expect(third.body.data.reason).toBe('runs_in_progress')
    expect((await api(server, '/api/join', { body: {}, device })).status).toBe(200)
    expect(device.cookies.get('ai4a_participant')).toBe(participant)
    expect((await api(server, '/api/runs', { body: picture('Ein Zug 4'), device })).status).toBe(429)
  })
})

describe('limits per address', () => {
  it('lets a class of 30 behind one address join at once, and stops a code guesser within a few dozen misses', async () => {
    const session = (await api(server, '/api/admin/sessions', { body: { name: 'Klasse 5c' }, device: leader })).body
    const joins = await Promise.all(Array.from({ length: 30 }, async () => {
      const device = new Device('127.0.0.4')
      return (await api(server, '/api/join', { body: { code: session.join_code }, device })).status
    }))
    expect(joins.every(status => status === 200)).toBe(true)

    const guesser = new Device('127.0.0.5')
    let misses = 0
    let refused: { status: number, headers: Headers, body: any } | null = null
    for (let n = 0; n < 100 && !refused; n++) {
      const guess = await api(server, '/api/join', { body: { code: `ABC${String(100 + n).replace(/[01]/g, '2')}` }, device: guesser })
      if (guess.status === 429) refused = guess
      else misses++
    }
    expect(refused?.status).toBe(429)
    expect(misses).toBeLessThanOrEqual(40)
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused!.body.statusMessage).toMatch(/Too many wrong join codes from this network/)
    // The right code does not help the guesser now; another school is not affected.
    expect((await api(server, '/api/join', { body: { code: session.join_code }, device: guesser })).status).toBe(429)
    expect((await api(server, '/api/join', { body: { code: session.join_code }, device: new Device('127.0.0.6') })).status).toBe(200)
  })

  it('refuses a flood of joins from one address with 429 and Retry-After', async () => {
    const statuses: number[] = []
    for (let n = 0; n < 125; n++) statuses.push((await api(server, '/api/join', { body: {}, device: new Device('127.0.0.7') })).status)
    expect(statuses.slice(0, 120).every(status => status === 200)).toBe(true)
    expect(statuses.slice(120).every(status => status === 429)).toBe(true)
  })

  it('limits the runs started from one address, whatever the participants, and not those of another address', async () => {
    const devices = await Promise.all(Array.from({ length: 9 }, () => joined('127.0.0.8')))
    const statuses = []
    for (const [n, device] of devices.entries()) statuses.push((await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: `Ein Hut ${n}` }, device })).status)
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 202, 202, 429])
    const elsewhere = await joined('127.0.0.9')
    expect((await api(server, '/api/runs', { body: { perspective: 'bauhaus', input_text: 'Ein Hut' }, device: elsewhere })).status).toBe(202)
  })
})

describe('two instances on one data dir', () => {
  const running: TestServer[] = []
  afterAll(() => Promise.all(running.map(instance => instance.stop())))

  it('let no more runs be in progress for a participant than the session allows, whichever instance is asked', async () => {
    const dataDir = makeTempDir()
    const a = await startServer({ dataDir, env: SLOW })
    running.push(a)
    const b = await startServer({ dataDir, env: SLOW })
    running.push(b)
    const leaderOfA = await signInAsLeader(a)
    const session = (await api(a, '/api/admin/sessions', { body: { name: 'Klasse 6a', limits: { runs_per_hour: null, runs_in_progress: 2 } }, device: leaderOfA })).body
    const device = new Device()
    expect((await api(a, '/api/join', { body: { code: session.join_code }, device })).status).toBe(200)
    const statuses = await Promise.all(Array.from({ length: 6 }, (_, n) => api(n % 2 ? b : a, '/api/runs', { body: picture(`Ein Schiff ${n}`), device }).then(response => response.status)))
    expect(statuses.filter(status => status === 202)).toHaveLength(2)
    expect(statuses.filter(status => status === 429)).toHaveLength(4)
  })
})
