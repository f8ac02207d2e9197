import { describe, expect, it } from 'vitest'
import { LoginLimiter } from '../../../../../server/utils/auth/login-limiter'
import { MemoryExpiringStore } from '../../../../../server/utils/cluster/expiring-store'

const clock = () => {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => { now += ms } }
}

describe('LoginLimiter', () => {
  it('blocks a key after the fifth failure until its window ends', async () => {
    const time = clock()
    const limiter = new LoginLimiter(new MemoryExpiringStore(100, time.now), { maxFailures: 5, windowMs: 15 * 60_000 })
    for (let i = 0; i < 4; i++) await limiter.fail(['ip:a', 'name:x'])
    expect(await limiter.retryAfter(['ip:a', 'name:x'])).toBe(0)
    await limiter.fail(['ip:a', 'name:x'])
    expect(await limiter.retryAfter(['ip:a'])).toBe(15 * 60)
    time.advance(10 * 60_000)
    expect(await limiter.retryAfter(['ip:b', 'name:x'])).toBe(5 * 60)
    time.advance(5 * 60_000)
    expect(await limiter.retryAfter(['ip:a', 'name:x'])).toBe(0)
  })

  it('forgets the failures of a key after a success', async () => {
    const limiter = new LoginLimiter(new MemoryExpiringStore(), { maxFailures: 2, windowMs: 60_000 })
    await limiter.fail(['name:x'])
    await limiter.succeed(['name:x'])
    await limiter.fail(['name:x'])
    expect(await limiter.retryAfter(['name:x'])).toBe(0)
  })

  it('keys are independent: failures for one name do not block another name from a new address', async () => {
    const limiter = new LoginLimiter(new MemoryExpiringStore(), { maxFailures: 1, windowMs: 60_000 })
    await limiter.fail(['ip:a', 'name:x'])
    expect(await limiter.retryAfter(['ip:b', 'name:y'])).toBe(0)
    expect(await limiter.retryAfter(['ip:a', 'name:y'])).toBe(60)
  })

  it('two limiters on one store count together, as instances sharing Redis do', async () => {
    const store = new MemoryExpiringStore()
    const [a, b] = [new LoginLimiter(store, { maxFailures: 4, windowMs: 60_000 }), new LoginLimiter(store, { maxFailures: 4, windowMs: 60_000 })]
    await a.fail(['name:x'])
    await b.fail(['name:x'])
    await a.fail(['name:x'])
    expect(await b.retryAfter(['name:x'])).toBe(0)
    await b.fail(['name:x'])
    expect(await a.retryAfter(['name:x'])).toBe(60)
  })
})
