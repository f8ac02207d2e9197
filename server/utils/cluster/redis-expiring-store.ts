import { Redis } from 'ioredis'
import type { ExpiringStore } from './expiring-store'

// The window starts with the first count; later counts must not push its end further away.
const INCREMENT = `local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end return n`

/** Values every instance on this Redis sees, under `<prefix>:<key>`. */
export class RedisExpiringStore implements ExpiringStore {
  private readonly redis: Redis

  constructor(url: string, private prefix: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 3 })
    this.redis.on('error', error => console.error(`[cluster] redis: ${error.message}`))
  }

  async increment(key: string, windowMs: number) {
    await this.redis.eval(INCREMENT, 1, this.key(key), windowMs)
  }

  async count(key: string) {
    const [[, value], [, msLeft]] = await this.redis.multi().get(this.key(key)).pttl(this.key(key)).exec() as [[null, string | null], [null, number]]
    return value === null || msLeft < 0 ? null : { count: Number(value), msLeft }
  }

  async get(key: string) {
    return this.redis.get(this.key(key))
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.redis.set(this.key(key), value, 'PX', ttlMs)
  }

  async claim(key: string, value: string) {
    await this.redis.set(this.key(key), value, 'NX')
    return (await this.redis.get(this.key(key)))!
  }

  async delete(key: string) {
    await this.redis.del(this.key(key))
  }

  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect())
  }

  private key(key: string) {
    return `${this.prefix}:${key}`
  }
}
