import type { Redis } from 'ioredis'
import type { ExpiringStore } from './expiring-store'

// The window starts with the first count; later counts must not push its end further away.
const INCREMENT = `local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end return n`

/** Values every instance on this Redis sees, under `<prefix>:<key>`; the connection is its owner's (the coordinator's). */
export class RedisExpiringStore implements ExpiringStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async increment(key: string, windowMs: number) {
    return Number(await this.redis.eval(INCREMENT, 1, this.key(key), windowMs))
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

  private key(key: string) {
    return `${this.prefix}:${key}`
  }
}
