import { describe, expect, it } from 'vitest'
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from '../../../../../server/utils/auth/login-limiter'
import { MemoryExpiringStore } from '../../../../../server/utils/cluster/expiring-store'

const clock = () => {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => { now += ms } }
}

const limits = { ...DEFAULT_LOGIN_LIMITS, windowMs: 15 * 60_000, maxPerAddressAndName: 5, maxPerAddress: 30, freePerName: 3, firstDelayMs: 250, maxDelayMs: 8000 }
const mallory = { address: '10.0.0.66', name: 'admin' }
const teacher = { address: '10.0.0.7', name: 'admin' }

describe('LoginLimiter', () => {
  it('stops an address after its fifth failure for a name, until the window ends; another address may still try that name', async () => {
    const time = clock()
    const limiter = new LoginLimiter(new MemoryExpiringStore(100, time.now), limits)
    for (let i = 0; i < 4; i++) await limiter.fail(mallory)
    expect(await limiter.retryAfter(mallory)).toBe(0)
    await limiter.fail(mallory)
    expect(await limiter.retryAfter(mallory)).toBe(15 * 60)
    expect(await limiter.retryAfter(teacher)).toBe(0)
    expect(await limiter.retryAfter({ ...mallory, name: 'other' })).toBe(0)
    time.advance(15 * 60_000)
    expect(await limiter.retryAfter(mallory)).toBe(0)
  })

  it('stops an address that tries many names, whatever the name', async () => {
    const limiter = new LoginLimiter(new MemoryExpiringStore(), { ...limits, maxPerAddress: 3 })
    for (const name of ['a1', 'b2', 'c3']) await limiter.fail({ address: mallory.address, name })
    expect(await limiter.retryAfter({ address: mallory.address, name: 'd4' })).toBe(15 * 60)
    expect(await limiter.retryAfter({ address: teacher.address, name: 'd4' })).toBe(0)
  })

  it('slows attempts at a name down with a doubling delay after its free failures, up to the cap, but never blocks them', async () => {
    const limiter = new LoginLimiter(new MemoryExpiringStore(), limits)
    const delays: number[] = []
    for (let i = 0; i < 10; i++) {
      delays.push(await limiter.delayMs('admin'))
      await limiter.fail({ address: `10.0.1.${i}`, name: 'admin' })
    }
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000, 8000, 8000])
    expect(await limiter.retryAfter(teacher)).toBe(0)
    expect(await limiter.delayMs('someone-else')).toBe(0)
  })

  it('forgets the failures of an address for a name after a right password', async () => {
    const limiter = new LoginLimiter(new MemoryExpiringStore(), { ...limits, maxPerAddressAndName: 2 })
    await limiter.fail(teacher)
    await limiter.succeed(teacher)
    await limiter.fail(teacher)
    expect(await limiter.retryAfter(teacher)).toBe(0)
  })

  it('two limiters on one store count together, as instances sharing Redis do', async () => {
    const store = new MemoryExpiringStore()
    const [a, b] = [new LoginLimiter(store, { ...limits, maxPerAddressAndName: 4 }), new LoginLimiter(store, { ...limits, maxPerAddressAndName: 4 })]
    await a.fail(mallory)
    await b.fail(mallory)
    await a.fail(mallory)
    expect(await b.retryAfter(mallory)).toBe(0)
    await b.fail(mallory)
    expect(await a.retryAfter(mallory)).toBe(15 * 60)
    expect(await a.delayMs('admin')).toBe(500)
  })
})
