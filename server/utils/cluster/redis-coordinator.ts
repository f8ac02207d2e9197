import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { ExpiringStore } from './expiring-store'
import { RedisExpiringStore } from './redis-expiring-store'
import { acquireWaiting, type Coordinator, holdLease, type InstanceRecord, isFresh, startHeartbeat, LOCK_LEASE_MS, MISSED_BEATS, type RemoteRunChange } from './coordinator'

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`

interface RunChangeMessage { origin: string, type: 'put' | 'delete', runId: string }

/**
 * Instances sharing Redis: `<prefix>:instance:<id>` expires after 3 missed beats and the
 * `<prefix>:instances` set lists ids; locks are `SET <prefix>:lock:<key> <token> NX PX`;
 * run changes travel on `<prefix>:run-changes`.
 */
export class RedisCoordinator implements Coordinator {
  readonly driver = 'redis'
  readonly expiring: ExpiringStore
  private readonly redis: Redis
  private subscriber: Redis | null = null
  private listeners = new Set<(change: RemoteRunChange) => void>()
  private self: InstanceRecord | null = null
  private beat: NodeJS.Timeout | null = null
  /** Tells our own run-change messages apart before start() gave us an instance id. */
  private origin = randomBytes(8).toString('hex')

  constructor(url: string, private prefix: string, private heartbeatMs: number) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 3 })
    this.redis.on('error', error => console.error(`[cluster] redis: ${error.message}`))
    this.expiring = new RedisExpiringStore(this.redis, prefix)
  }

  async start(self: InstanceRecord): Promise<void> {
    this.self = self
    this.origin = self.id
    await this.writeSelf()
    this.beat = startHeartbeat(() => this.writeSelf(), this.heartbeatMs)
  }

  async instances(): Promise<InstanceRecord[]> {
    const ids = await this.redis.smembers(this.key('instances'))
    if (!ids.length) return []
    const values = await this.redis.mget(ids.map(id => this.key('instance', id)))
    const live: InstanceRecord[] = []
    const gone: string[] = []
    values.forEach((value, n) => {
      const record = value ? JSON.parse(value) as InstanceRecord : null
      if (record && isFresh(record, this.heartbeatMs)) live.push(record)
      else if (!record) gone.push(ids[n]!)
    })
    if (gone.length) await this.redis.srem(this.key('instances'), ...gone)
    return live.sort((a, b) => a.started_at.localeCompare(b.started_at))
  }

  async isAlive(instanceId: string): Promise<boolean> {
    if (instanceId === this.self?.id && this.beat) return true
    const value = await this.redis.get(this.key('instance', instanceId))
    return value !== null && isFresh(JSON.parse(value) as InstanceRecord, this.heartbeatMs)
  }

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const token = await acquireWaiting(() => this.acquire(key, LOCK_LEASE_MS))
    return this.hold(key, token, LOCK_LEASE_MS, work)
  }

  async tryLock<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<T | null> {
    const token = await this.acquire(key, ttlMs)
    return token ? this.hold(key, token, ttlMs, work) : null
  }

  onRemoteRunChange(listener: (change: RemoteRunChange) => void): () => void {
    this.listeners.add(listener)
    this.subscribe()
    return () => { this.listeners.delete(listener) }
  }

  async publishRunChange(change: { type: 'put' | 'delete', runId: string }): Promise<void> {
    const message: RunChangeMessage = { origin: this.origin, type: change.type, runId: change.runId }
    await this.redis.publish(this.key('run-changes'), JSON.stringify(message))
  }

  async close(): Promise<void> {
    if (this.beat) clearInterval(this.beat)
    this.beat = null
    if (this.self) {
      await this.redis.multi().del(this.key('instance', this.self.id)).srem(this.key('instances'), this.self.id).exec().catch(() => undefined)
    }
    this.listeners.clear()
    await Promise.all([this.redis, this.subscriber].map(client => client?.quit().catch(() => client.disconnect())))
  }

  private key(...parts: string[]) {
    return [this.prefix, ...parts].join(':')
  }

  private async writeSelf() {
    if (!this.self) return
    this.self = { ...this.self, last_seen: new Date().toISOString() }
    await this.redis.multi()
      .set(this.key('instance', this.self.id), JSON.stringify(this.self), 'PX', MISSED_BEATS * this.heartbeatMs)
      .sadd(this.key('instances'), this.self.id)
      .exec()
  }

  private subscribe() {
    if (this.subscriber) return
    const channel = this.key('run-changes')
    this.subscriber = this.redis.duplicate()
    this.subscriber.on('error', error => console.error(`[cluster] redis subscriber: ${error.message}`))
    this.subscriber.on('message', (from: string, text: string) => {
      if (from !== channel) return
      let message: RunChangeMessage
      try {
        message = JSON.parse(text) as RunChangeMessage
      }
      catch {
        return
      }
      if (message.origin === this.origin || (message.type !== 'put' && message.type !== 'delete')) return
      for (const listener of this.listeners) {
        try {
          listener({ type: message.type, runId: message.runId })
        }
        catch (error) {
          console.error('[cluster] a run change listener failed', error)
        }
      }
    })
    this.subscriber.subscribe(channel).catch(error => console.error('[cluster] could not subscribe to run changes', error))
  }

  private async acquire(key: string, ttlMs: number): Promise<string | null> {
    const token = `${this.origin}:${randomBytes(8).toString('hex')}`
    const set = await this.redis.set(this.key('lock', key), token, 'PX', ttlMs, 'NX')
    return set === 'OK' ? token : null
  }

  private hold<T>(key: string, token: string, ttlMs: number, work: () => Promise<T>): Promise<T> {
    const lockKey = this.key('lock', key)
    return holdLease(ttlMs, async () => {
      const renewed = await this.redis.eval(RENEW, 1, lockKey, token, ttlMs)
      if (renewed !== 1) console.error(`[cluster] lost the lock ${key} while working`)
    }, async () => {
      await this.redis.eval(RELEASE, 1, lockKey, token)
    }, work)
  }
}
