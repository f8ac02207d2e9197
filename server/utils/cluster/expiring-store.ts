/**
 * Small values that live for a while: sign-in failure counts, export progress, the generated
 * cookie secret. Each coordinator has one: with Redis every instance sees the same values
 * (redis-expiring-store.ts, on the coordinator's connection); without it they live in this
 * process, which is all one machine needs.
 */
export interface ExpiringStore {
  /** Counts one more for `key` and answers the new count; its window opens with the first count and closes `windowMs` later. */
  increment(key: string, windowMs: number): Promise<number>
  /** The count of `key`'s open window and the milliseconds until it closes; null when none is open. */
  count(key: string): Promise<{ count: number, msLeft: number } | null>
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlMs: number): Promise<void>
  /** Stores `value` unless `key` already has one (kept without expiry), and returns the value that holds. */
  claim(key: string, value: string): Promise<string>
  delete(key: string): Promise<void>
}

interface Entry { value: string, count: number, expiresAt: number }

/** One process's values, at most `maxEntries` of them: expired ones go first, then the oldest. */
export class MemoryExpiringStore implements ExpiringStore {
  private entries = new Map<string, Entry>()

  constructor(private maxEntries = 10_000, private now: () => number = Date.now) {}

  async increment(key: string, windowMs: number) {
    const entry = this.live(key)
    if (entry) return ++entry.count
    this.put(key, { value: '', count: 1, expiresAt: this.now() + windowMs })
    return 1
  }

  async count(key: string) {
    const entry = this.live(key)
    return entry ? { count: entry.count, msLeft: entry.expiresAt - this.now() } : null
  }

  async get(key: string) {
    return this.live(key)?.value ?? null
  }

  async set(key: string, value: string, ttlMs: number) {
    this.put(key, { value, count: 0, expiresAt: this.now() + ttlMs })
  }

  async claim(key: string, value: string) {
    const entry = this.live(key)
    if (entry) return entry.value
    this.put(key, { value, count: 0, expiresAt: Number.POSITIVE_INFINITY })
    return value
  }

  async delete(key: string) {
    this.entries.delete(key)
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }

  private put(key: string, entry: Entry) {
    this.entries.delete(key)
    if (this.entries.size >= this.maxEntries) {
      for (const old of [...this.entries.keys()]) this.live(old)
      while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    }
    this.entries.set(key, entry)
  }
}
