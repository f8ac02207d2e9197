import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExpiringStore, MemoryExpiringStore } from '../../../../../server/utils/cluster/expiring-store'
import { RedisExpiringStore } from '../../../../../server/utils/cluster/redis-expiring-store'
import { startRedis, type TestRedis } from '../../../../support/redis'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

let redis: TestRedis
const clients: Redis[] = []
beforeAll(async () => { redis = await startRedis() })
afterAll(async () => {
  await Promise.all(clients.map(client => client.quit()))
  await redis?.stop()
})

/** A store on its own connection, as each instance's coordinator has one. */
function redisStore(prefix: string) {
  const client = new Redis(redis.url)
  clients.push(client)
  return new RedisExpiringStore(client, prefix)
}

let prefixes = 0
const drivers: [string, () => ExpiringStore][] = [
  ['memory', () => new MemoryExpiringStore()],
  ['redis', () => redisStore(`expiring-test-${++prefixes}`)],
]

describe.each(drivers)('%s expiring store', (_driver, create) => {
  it('counts within a window that opens with the first count and does not move with later ones', async () => {
    const store = create()
    expect(await store.count('k')).toBeNull()
    expect(await store.increment('k', 400)).toBe(1)
    await sleep(200)
    // The new count comes back at once, so a limit can count and decide in one step.
    expect(await store.increment('k', 400)).toBe(2)
    const counted = await store.count('k')
    expect(counted!.count).toBe(2)
    expect(counted!.msLeft).toBeLessThanOrEqual(220)
    expect(counted!.msLeft).toBeGreaterThan(0)
    await sleep(counted!.msLeft + 30)
    expect(await store.count('k')).toBeNull()
    await store.increment('k', 400)
    expect((await store.count('k'))!.count).toBe(1)
  })

  it('keeps a value until its time is up, and forgets a deleted one', async () => {
    const store = create()
    await store.set('progress', '{"a":1}', 150)
    await store.set('other', 'x', 10_000)
    expect(await store.get('progress')).toBe('{"a":1}')
    await sleep(200)
    expect(await store.get('progress')).toBeNull()
    await store.delete('other')
    expect(await store.get('other')).toBeNull()
  })

  it('claims a value once: later claims get the first value', async () => {
    const store = create()
    const claims = await Promise.all(['first', 'second', 'third'].map(value => store.claim('secret', value)))
    expect(new Set(claims).size).toBe(1)
    expect(await store.claim('secret', 'later')).toBe(claims[0])
  })
})

describe('RedisExpiringStore', () => {
  it('is one store for every instance on the same Redis and prefix', async () => {
    const [a, b] = [redisStore('shared'), redisStore('shared')]
    await a.increment('login', 60_000)
    await b.increment('login', 60_000)
    expect((await a.count('login'))!.count).toBe(2)
    expect(await b.claim('secret', 'from-b')).toBe(await a.claim('secret', 'from-a'))
  })
})

describe('MemoryExpiringStore', () => {
  it('holds at most its limit, dropping expired entries first, then the oldest', async () => {
    let now = 0
    const store = new MemoryExpiringStore(2, () => now)
    await store.set('old', '1', 100)
    await store.set('kept', '2', 1_000)
    now = 150
    await store.set('new', '3', 1_000)
    expect([await store.get('kept'), await store.get('new')]).toEqual(['2', '3'])
    await store.set('newest', '4', 1_000)
    expect([await store.get('kept'), await store.get('new'), await store.get('newest')]).toEqual([null, '3', '4'])
  })
})
