import type { ExpiringStore } from '../cluster/expiring-store'

export interface LoginLimits { maxFailures: number, windowMs: number }

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailures: 5, windowMs: 15 * 60_000 }

/**
 * Counts failed sign-ins per key (client address, account name) in a fixed window; a key with too
 * many failures is refused until its window ends. The counts live in the expiring store: with
 * Redis every instance counts together, so N instances do not allow N times the tries.
 */
export class LoginLimiter {
  constructor(private store: ExpiringStore, private limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Seconds until every one of `keys` may try again; 0 when none is blocked. */
  async retryAfter(keys: string[]): Promise<number> {
    const counts = await Promise.all(keys.map(key => this.store.count(storeKey(key))))
    let wait = 0
    for (const entry of counts) {
      if (entry && entry.count >= this.limits.maxFailures) wait = Math.max(wait, entry.msLeft)
    }
    return Math.ceil(wait / 1000)
  }

  async fail(keys: string[]) {
    await Promise.all(keys.map(key => this.store.increment(storeKey(key), this.limits.windowMs)))
  }

  async succeed(keys: string[]) {
    await Promise.all(keys.map(key => this.store.delete(storeKey(key))))
  }
}

const storeKey = (key: string) => `login-failures:${key}`
