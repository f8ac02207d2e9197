import { describe, expect, it } from 'vitest'
import { LoginLimiter } from '../../../../../server/utils/auth/login-limiter'

const clock = () => {
  let now = 1_000_000
  return { now: () => now, advance: (ms: number) => { now += ms } }
}

describe('LoginLimiter', () => {
  it('blocks a key after the fifth failure until its window ends', () => {
    const time = clock()
    const limiter = new LoginLimiter({ maxFailures: 5, windowMs: 15 * 60_000, maxTracked: 100 }, time.now)
    for (let i = 0; i < 4; i++) limiter.fail(['ip:a', 'name:x'])
    expect(limiter.retryAfter(['ip:a', 'name:x'])).toBe(0)
    limiter.fail(['ip:a', 'name:x'])
    expect(limiter.retryAfter(['ip:a'])).toBe(15 * 60)
    time.advance(10 * 60_000)
    expect(limiter.retryAfter(['ip:b', 'name:x'])).toBe(5 * 60)
    time.advance(5 * 60_000)
    expect(limiter.retryAfter(['ip:a', 'name:x'])).toBe(0)
  })

  it('forgets the failures of a key after a success', () => {
    const limiter = new LoginLimiter({ maxFailures: 2, windowMs: 60_000, maxTracked: 100 })
    limiter.fail(['name:x'])
    limiter.succeed(['name:x'])
    limiter.fail(['name:x'])
    expect(limiter.retryAfter(['name:x'])).toBe(0)
  })

  it('keys are independent: failures for one name do not block another name from a new address', () => {
    const limiter = new LoginLimiter({ maxFailures: 1, windowMs: 60_000, maxTracked: 100 })
    limiter.fail(['ip:a', 'name:x'])
    expect(limiter.retryAfter(['ip:b', 'name:y'])).toBe(0)
  })

  it('tracks a bounded number of keys, dropping expired ones first', () => {
    const time = clock()
    const limiter = new LoginLimiter({ maxFailures: 1, windowMs: 1000, maxTracked: 2 }, time.now)
    limiter.fail(['a', 'b'])
    limiter.fail(['c'])
    expect(limiter.retryAfter(['c'])).toBe(0)
    time.advance(1000)
    limiter.fail(['c'])
    expect(limiter.retryAfter(['c'])).toBe(1)
  })
})
