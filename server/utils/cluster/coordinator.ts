import type { InstanceView } from '#shared/instances'
import type { ExpiringStore } from './expiring-store'

/** One server process as the others see it: in the registry, in /api/health and on the admin's instances page. */
export type InstanceRecord = InstanceView

export type RemoteRunChange = { type: 'put', runId: string } | { type: 'delete', runId: string }

/**
 * What several instances on one storage agree through: who is alive, who may write a run now,
 * and (with Redis) which runs the others changed. `local` uses files in the data dir, `redis` Redis.
 */
export interface Coordinator {
  readonly driver: 'local' | 'redis'
  /** Counters and short-lived values shared by the instances (local: by this process only). */
  readonly expiring: ExpiringStore
  /** Registers this instance and beats every heartbeatSeconds until close(). */
  start(self: InstanceRecord): Promise<void>
  /** Live instances (last_seen within 3 heartbeats), this one included. */
  instances(): Promise<InstanceRecord[]>
  isAlive(instanceId: string): Promise<boolean>
  /** Cross-process mutual exclusion for `key` (e.g. `run:<id>`); waits, never throws on contention; lease renewed while work runs. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>
  /** Like withLock but returns null at once when another holds it (retention, index compaction). */
  tryLock<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<T | null>
  /** Run changes of OTHER instances (Redis pub/sub; local: not needed, returns noop). */
  onRemoteRunChange(listener: (change: RemoteRunChange) => void): () => void
  publishRunChange(change: { type: 'put' | 'delete', runId: string }): Promise<void>
  close(): Promise<void>
}

/** An instance is dead after this many missed heartbeats. */
export const MISSED_BEATS = 3

/** How long a lock lives without renewal; renewed every third of it while its work runs. */
export const LOCK_LEASE_MS = 15_000

/** Renews this instance's registry entry every `heartbeatMs`; a failed beat is logged and the next one tries again. */
export function startHeartbeat(writeSelf: () => Promise<void>, heartbeatMs: number): NodeJS.Timeout {
  const timer = setInterval(() => {
    writeSelf().catch(error => console.error('[cluster] heartbeat failed', error))
  }, heartbeatMs)
  return timer.unref()
}

export const isFresh = (record: Pick<InstanceRecord, 'last_seen'>, heartbeatMs: number, now = Date.now()) =>
  now - Date.parse(record.last_seen) <= MISSED_BEATS * heartbeatMs

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** Polls for a busy lock: quick at first (a run's write takes a millisecond), then up to 50 ms apart. */
export async function acquireWaiting<L>(tryAcquire: () => Promise<L | null>): Promise<L> {
  for (let attempt = 0; ; attempt++) {
    const lease = await tryAcquire()
    if (lease) return lease
    await sleep(Math.min(2 + attempt * 2, 50) * (0.5 + Math.random()))
  }
}

/** Runs `work` while `renew` keeps the lease alive every third of `ttlMs`, then releases it. */
export async function holdLease<T>(ttlMs: number, renew: () => Promise<void>, release: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    renew().catch(error => console.error('[cluster] could not renew a lock', error))
  }, Math.max(10, Math.floor(ttlMs / 3)))
  timer.unref()
  try {
    return await work()
  }
  finally {
    clearInterval(timer)
    await release().catch(error => console.error('[cluster] could not release a lock', error))
  }
}
