export interface LoginLimits { maxFailures: number, windowMs: number, maxTracked: number }

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailures: 5, windowMs: 15 * 60_000, maxTracked: 10_000 }

interface Failures { count: number, firstAt: number }

/**
 * Counts failed sign-ins per key (client address, account name) in a fixed window; a key with too
 * many failures is refused until its window ends. In memory, so per instance and reset by a restart.
 */
export class LoginLimiter {
  private failures = new Map<string, Failures>()

  constructor(private limits: LoginLimits = DEFAULT_LOGIN_LIMITS, private now: () => number = Date.now) {}

  /** Seconds until every one of `keys` may try again; 0 when none is blocked. */
  retryAfter(keys: string[]): number {
    let wait = 0
    for (const key of keys) {
      const entry = this.current(key)
      if (entry && entry.count >= this.limits.maxFailures) wait = Math.max(wait, entry.firstAt + this.limits.windowMs - this.now())
    }
    return Math.ceil(wait / 1000)
  }

  fail(keys: string[]) {
    if (this.failures.size >= this.limits.maxTracked) this.prune()
    for (const key of keys) {
      const entry = this.current(key)
      if (entry) entry.count++
      else if (this.failures.size < this.limits.maxTracked) this.failures.set(key, { count: 1, firstAt: this.now() })
    }
  }

  succeed(keys: string[]) {
    for (const key of keys) this.failures.delete(key)
  }

  private current(key: string): Failures | undefined {
    const entry = this.failures.get(key)
    if (entry && this.now() - entry.firstAt >= this.limits.windowMs) {
      this.failures.delete(key)
      return undefined
    }
    return entry
  }

  private prune() {
    for (const key of [...this.failures.keys()]) this.current(key)
  }
}
