import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Coordinator, InstanceRecord } from '../../../../../server/utils/cluster/coordinator'
import { LocalCoordinator } from '../../../../../server/utils/cluster/local-coordinator'
import { RedisCoordinator } from '../../../../../server/utils/cluster/redis-coordinator'
import { startRedis, type TestRedis } from '../../../../support/redis'
import { makeTempDir } from '../../../../support/server'

const HEARTBEAT_MS = 100
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

let counter = 0
function record(overrides: Partial<InstanceRecord> = {}): InstanceRecord {
  const id = `instance-${++counter}-${Math.random().toString(36).slice(2, 8)}`
  const now = new Date().toISOString()
  return {
    id, pid: process.pid, hostname: hostname(), port: 3000 + counter, version: '0.1.0', commit: null, started_at: now, last_seen: now,
    public_url: null, storage: { driver: 'fs', location: '/data/runs', data_dir: '/data', id: 'storage-1' },
    queue: { driver: 'memory', location: 'memory:/data' }, ...overrides,
  }
}

/** As a frozen or killed process would: its entry stays, its beats stop. */
function stopBeating(coordinator: Coordinator) {
  clearInterval((coordinator as unknown as { beat: NodeJS.Timeout }).beat)
}

/** A pid no process on this host has any more. */
function deadPid() {
  return spawnSync(process.execPath, ['-e', '']).pid!
}

interface DriverSetup { name: string, make: () => Coordinator }

let redis: TestRedis
const opened: Coordinator[] = []
const dataDir = makeTempDir('ai4artsed-cluster-')
let prefix = 'test'

const drivers: DriverSetup[] = [
  { name: 'local', make: () => new LocalCoordinator(dataDir, HEARTBEAT_MS) },
  { name: 'redis', make: () => new RedisCoordinator(redis.url, prefix, HEARTBEAT_MS) },
]

beforeAll(async () => { redis = await startRedis() })
afterAll(async () => { await redis?.stop() })
afterEach(async () => {
  await Promise.all(opened.splice(0).map(coordinator => coordinator.close()))
  prefix = `test-${Math.random().toString(36).slice(2, 8)}`
})

describe.each(drivers)('the $name coordinator', ({ make }) => {
  const open = () => {
    const coordinator = make()
    opened.push(coordinator)
    return coordinator
  }

  it('lists a started instance to itself and to another instance, beating while it runs', async () => {
    const [a, b] = [open(), open()]
    const self = record()
    await a.start(self)
    await b.start(record())
    const seen = await b.instances()
    expect(seen.map(instance => instance.id)).toContain(self.id)
    expect((await a.instances()).map(instance => instance.id)).toContain(self.id)
    const first = seen.find(instance => instance.id === self.id)!.last_seen
    await sleep(HEARTBEAT_MS * 2.5)
    const later = (await b.instances()).find(instance => instance.id === self.id)!
    expect(Date.parse(later.last_seen)).toBeGreaterThan(Date.parse(first))
    expect(later).toMatchObject({ port: self.port, storage: self.storage, queue: self.queue })
    expect(await b.isAlive(self.id)).toBe(true)
  })

  it('counts an instance as dead after 3 missed beats', async () => {
    const [a, b] = [open(), open()]
    const self = record()
    await a.start(self)
    stopBeating(a)
    await sleep(HEARTBEAT_MS)
    expect(await b.isAlive(self.id)).toBe(true)
    await sleep(HEARTBEAT_MS * 3)
    expect(await b.isAlive(self.id)).toBe(false)
    expect((await b.instances()).map(instance => instance.id)).not.toContain(self.id)
  })

  it('removes the instance from the registry when it closes', async () => {
    const [a, b] = [make(), open()]
    const self = record()
    await a.start(self)
    expect(await b.isAlive(self.id)).toBe(true)
    await a.close()
    expect(await b.isAlive(self.id)).toBe(false)
    expect((await b.instances()).map(instance => instance.id)).not.toContain(self.id)
  })

  it('lets only one of two instances into a lock at a time, and both get in', async () => {
    const [a, b] = [open(), open()]
    await a.start(record())
    await b.start(record())
    let inside = 0
    let most = 0
    let done = 0
    const work = async () => {
      inside++
      most = Math.max(most, inside)
      await sleep(3)
      inside--
      done++
    }
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).withLock('run:shared', work)))
    expect(most).toBe(1)
    expect(done).toBe(20)
  })

  it('tryLock answers null at once while another instance holds the key, and runs once it is free', async () => {
    const [a, b] = [open(), open()]
    let release!: () => void
    let entered!: () => void
    const inside = new Promise<void>((resolve) => { entered = resolve })
    const held = a.tryLock('retention', 5_000, () => new Promise<string>((resolve) => {
      release = () => resolve('a')
      entered()
    }))
    await inside
    const started = Date.now()
    expect(await b.tryLock('retention', 5_000, async () => 'b')).toBeNull()
    // At once, not after the 5 s lease; the margin is for a busy machine.
    expect(Date.now() - started).toBeLessThan(2500)
    release()
    expect(await held).toBe('a')
    expect(await b.tryLock('retention', 5_000, async () => 'b')).toBe('b')
  })

  it('renews the lease while long work runs, so another instance cannot take the lock', async () => {
    const [a, b] = [open(), open()]
    // Renewed every 200 ms; it would expire only if three renewals in a row were late.
    const ttlMs = 600
    const long = a.tryLock('index-compact', ttlMs, async () => {
      await sleep(ttlMs * 4)
      return 'finished'
    })
    for (let n = 0; n < 7; n++) {
      await sleep(ttlMs / 2)
      expect(await b.tryLock('index-compact', ttlMs, async () => 'stolen')).toBeNull()
    }
    expect(await long).toBe('finished')
    expect(await b.tryLock('index-compact', ttlMs, async () => 'next')).toBe('next')
  })

  it('releases the lock when the work throws', async () => {
    const [a, b] = [open(), open()]
    await expect(a.withLock('run:failing', async () => { throw new Error('boom') })).rejects.toThrow('boom')
    expect(await b.tryLock('run:failing', 1000, async () => 'free')).toBe('free')
  })
})

describe('the local coordinator', () => {
  const open = () => {
    const coordinator = new LocalCoordinator(dataDir, HEARTBEAT_MS)
    opened.push(coordinator)
    return coordinator
  }

  it('keeps its registry and locks as files in the data dir', async () => {
    const dir = makeTempDir('ai4artsed-cluster-')
    const a = new LocalCoordinator(dir, HEARTBEAT_MS)
    const self = record()
    await a.start(self)
    expect(readdirSync(join(dir, 'instances'))).toEqual([`${self.id}.json`])
    await a.withLock('run:abc', async () => {
      expect(readdirSync(join(dir, 'locks'))).toEqual(['run%3Aabc.lock'])
    })
    expect(readdirSync(join(dir, 'locks'))).toEqual([])
    await a.close()
    expect(readdirSync(join(dir, 'instances'))).toEqual([])
  })

  it('counts an instance whose process is gone from this host as dead at once', async () => {
    const b = open()
    const killed = record({ pid: deadPid() })
    mkdirSync(join(dataDir, 'instances'), { recursive: true })
    writeFileSync(join(dataDir, 'instances', `${killed.id}.json`), JSON.stringify(killed))
    expect(await b.isAlive(killed.id)).toBe(false)
    const elsewhere = record({ pid: deadPid(), hostname: 'another-host' })
    writeFileSync(join(dataDir, 'instances', `${elsewhere.id}.json`), JSON.stringify(elsewhere))
    expect(await b.isAlive(elsewhere.id)).toBe(true)
  })

  it('cleans registry entries that stopped beating long ago', async () => {
    const b = open()
    const old = record({ hostname: 'another-host', last_seen: new Date(Date.now() - 60_000).toISOString() })
    const file = join(dataDir, 'instances', `${old.id}.json`)
    mkdirSync(join(dataDir, 'instances'), { recursive: true })
    writeFileSync(file, JSON.stringify(old))
    expect((await b.instances()).map(instance => instance.id)).not.toContain(old.id)
    expect(existsSync(file)).toBe(false)
  })

  it('takes over the lock of a process that died holding it', async () => {
    const b = open()
    mkdirSync(join(dataDir, 'locks'), { recursive: true })
    writeFileSync(join(dataDir, 'locks', 'run%3Aorphan.lock'), JSON.stringify({
      instance_id: 'gone', pid: deadPid(), hostname: hostname(), token: 'old', expires: Date.now() + 60_000,
    }))
    const started = Date.now()
    expect(await b.withLock('run:orphan', async () => 'mine')).toBe('mine')
    expect(Date.now() - started).toBeLessThan(500)
  })

  it('takes over an expired lock of another host, and not a live one', async () => {
    const b = open()
    mkdirSync(join(dataDir, 'locks'), { recursive: true })
    const holder = { instance_id: 'other', pid: 1, hostname: 'another-host', token: 'old' }
    writeFileSync(join(dataDir, 'locks', 'expired.lock'), JSON.stringify({ ...holder, expires: Date.now() - 1 }))
    writeFileSync(join(dataDir, 'locks', 'live.lock'), JSON.stringify({ ...holder, expires: Date.now() + 60_000 }))
    expect(await b.tryLock('expired', 1000, async () => 'mine')).toBe('mine')
    expect(await b.tryLock('live', 1000, async () => 'mine')).toBeNull()
  })
})

describe('the redis coordinator', () => {
  it('tells other instances about run changes, not itself', async () => {
    const [a, b] = [new RedisCoordinator(redis.url, 'events', HEARTBEAT_MS), new RedisCoordinator(redis.url, 'events', HEARTBEAT_MS)]
    opened.push(a, b)
    await a.start(record())
    await b.start(record())
    const heardByA: unknown[] = []
    const heardByB: unknown[] = []
    a.onRemoteRunChange(change => heardByA.push(change))
    const stop = b.onRemoteRunChange(change => heardByB.push(change))
    // Subscribing is asynchronous: publish until B hears the first one.
    for (let n = 0; heardByB.length === 0 && n < 50; n++) {
      await a.publishRunChange({ type: 'put', runId: 'warm-up' })
      await sleep(20)
    }
    heardByB.length = 0
    await a.publishRunChange({ type: 'put', runId: 'run-1' })
    await a.publishRunChange({ type: 'delete', runId: 'run-2' })
    await sleep(100)
    expect(heardByB).toEqual([{ type: 'put', runId: 'run-1' }, { type: 'delete', runId: 'run-2' }])
    expect(heardByA).toEqual([])
    stop()
    await a.publishRunChange({ type: 'put', runId: 'run-3' })
    await sleep(100)
    expect(heardByB).toHaveLength(2)
  })

  it('keeps its registry entry and locks under the prefix, expiring on their own', async () => {
    const a = new RedisCoordinator(redis.url, 'keys', HEARTBEAT_MS)
    opened.push(a)
    const self = record()
    await a.start(self)
    const client = new Redis(redis.url)
    try {
      expect(await client.sismember('keys:instances', self.id)).toBe(1)
      expect(await client.pttl(`keys:instance:${self.id}`)).toBeLessThanOrEqual(3 * HEARTBEAT_MS)
      await a.withLock('run:abc', async () => {
        expect(await client.get('keys:lock:run:abc')).toMatch(new RegExp(`^${self.id}:`))
      })
      expect(await client.exists('keys:lock:run:abc')).toBe(0)
      // A holder that died: its lock expires by itself and the next one gets in.
      await client.set('keys:lock:run:orphan', 'dead-token', 'PX', 200)
      const started = Date.now()
      expect(await a.withLock('run:orphan', async () => 'mine')).toBe('mine')
      expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    }
    finally {
      client.disconnect()
    }
  })
})
