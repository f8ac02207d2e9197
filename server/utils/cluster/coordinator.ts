// Placeholder with the contract's interface (issue 6); H7's implementation replaces this file at merge.

export interface InstanceRecord {
  id: string, pid: number, hostname: string, port: number | null, version: string, commit: string | null,
  started_at: string, last_seen: string,
  public_url: string | null,
  storage: { driver: string, location: string, data_dir: string, id: string },
  queue: { driver: 'memory' | 'bullmq', /** where the queue lives, no password: "redis://host:6379/0" or "memory:<data_dir>" */ location: string },
}

export type RunChangeEvent = { type: 'put', runId: string } | { type: 'delete', runId: string }

export interface Coordinator {
  readonly driver: 'local' | 'redis'
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
  onRemoteRunChange(listener: (change: RunChangeEvent) => void): () => void
  publishRunChange(change: { type: 'put' | 'delete', runId: string }): Promise<void>
  close(): Promise<void>
}
