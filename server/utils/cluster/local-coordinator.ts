import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { acquireWaiting, type Coordinator, holdLease, type InstanceRecord, isFresh, startHeartbeat, LOCK_LEASE_MS } from './coordinator'
import { MemoryExpiringStore } from './expiring-store'

/** What a lock file holds: enough for another process to tell whether its holder is gone. */
interface LockFile { instance_id: string | null, pid: number, hostname: string, token: string, expires: number }

interface Lease { path: string, token: string, file: LockFile }

/**
 * Instances sharing one data dir (dev and prod on one machine): the registry is
 * `<data>/instances/<id>.json`, locks are `<data>/locks/<key>.lock` created with O_EXCL.
 * An instance or lock whose process is gone from this host is dead at once, else after its time ran out.
 */
export class LocalCoordinator implements Coordinator {
  readonly driver = 'local'
  readonly expiring = new MemoryExpiringStore()
  private self: InstanceRecord | null = null
  private beat: NodeJS.Timeout | null = null
  private readonly instancesDir: string
  private readonly locksDir: string

  constructor(dataDir: string, private heartbeatMs: number) {
    this.instancesDir = join(dataDir, 'instances')
    this.locksDir = join(dataDir, 'locks')
  }

  async start(self: InstanceRecord): Promise<void> {
    await fsp.mkdir(this.instancesDir, { recursive: true })
    this.self = self
    await this.writeSelf()
    this.beat = startHeartbeat(() => this.writeSelf(), this.heartbeatMs)
  }

  async instances(): Promise<InstanceRecord[]> {
    const names = await fsp.readdir(this.instancesDir).catch(() => [] as string[])
    const records = await Promise.all(names.filter(name => name.endsWith('.json')).map(name => this.readRecord(name.slice(0, -5))))
    const live: InstanceRecord[] = []
    for (const record of records) {
      if (!record) continue
      if (this.isLive(record)) live.push(record)
      // Left by a killed process; another beat would have renewed it long ago.
      else if (Date.now() - Date.parse(record.last_seen) > 10 * this.heartbeatMs) await fsp.rm(this.recordPath(record.id), { force: true })
    }
    return live.sort((a, b) => a.started_at.localeCompare(b.started_at))
  }

  async isAlive(instanceId: string): Promise<boolean> {
    if (instanceId === this.self?.id && this.beat) return true
    const record = await this.readRecord(instanceId)
    return record !== null && this.isLive(record)
  }

  /** A process killed a moment ago still has a fresh entry; on this host its missing pid gives it away at once. */
  private isLive(record: InstanceRecord) {
    return isFresh(record, this.heartbeatMs) && (record.hostname !== hostname() || pidExists(record.pid))
  }

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lease = await acquireWaiting(() => this.acquire(key, LOCK_LEASE_MS))
    return this.hold(lease, LOCK_LEASE_MS, work)
  }

  async tryLock<T>(key: string, ttlMs: number, work: () => Promise<T>): Promise<T | null> {
    const lease = await this.acquire(key, ttlMs)
    return lease ? this.hold(lease, ttlMs, work) : null
  }

  onRemoteRunChange(): () => void {
    // Every instance reads the same files; the run index tails the shared log instead.
    return () => {}
  }

  async publishRunChange(): Promise<void> {}

  async close(): Promise<void> {
    if (this.beat) clearInterval(this.beat)
    this.beat = null
    if (this.self) await fsp.rm(this.recordPath(this.self.id), { force: true })
  }

  private recordPath(id: string) {
    return join(this.instancesDir, `${id}.json`)
  }

  private async writeSelf() {
    if (!this.self) return
    this.self = { ...this.self, last_seen: new Date().toISOString() }
    await writeReplacing(this.recordPath(this.self.id), JSON.stringify(this.self))
  }

  private async readRecord(id: string): Promise<InstanceRecord | null> {
    if (!/^[\w-]+$/.test(id)) return null
    try {
      return JSON.parse(await fsp.readFile(this.recordPath(id), 'utf8')) as InstanceRecord
    }
    catch {
      return null
    }
  }

  private lockPath(key: string) {
    return join(this.locksDir, `${encodeURIComponent(key)}.lock`)
  }

  /** One attempt: creates the lock file, or takes over a stale one; null while a live holder has it. */
  private async acquire(key: string, ttlMs: number): Promise<Lease | null> {
    const path = this.lockPath(key)
    const file: LockFile = { instance_id: this.self?.id ?? null, pid: process.pid, hostname: hostname(), token: randomBytes(12).toString('hex'), expires: Date.now() + ttlMs }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fsp.writeFile(path, JSON.stringify(file), { flag: 'wx' })
        return { path, token: file.token, file }
      }
      catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT') {
          await fsp.mkdir(this.locksDir, { recursive: true })
          continue
        }
        if (code !== 'EEXIST') throw error
      }
      const holder = await readLock(path)
      if (holder === undefined) continue
      if (holder && !await this.isStale(holder)) return null
      await takeAway(path, holder)
    }
    return null
  }

  private async isStale(holder: LockFile) {
    if (holder.expires < Date.now()) return true
    if (holder.hostname === hostname() && !pidExists(holder.pid)) return true
    return false
  }

  private hold<T>(lease: Lease, ttlMs: number, work: () => Promise<T>): Promise<T> {
    return holdLease(ttlMs, async () => {
      const holder = await readLock(lease.path)
      if (holder?.token !== lease.token) return console.error(`[cluster] lost the lock ${lease.path} while working`)
      await writeReplacing(lease.path, JSON.stringify({ ...lease.file, expires: Date.now() + ttlMs }))
    }, async () => {
      const holder = await readLock(lease.path)
      if (holder?.token === lease.token) await fsp.rm(lease.path, { force: true })
    }, work)
  }
}

/** The lock file's content; null for a half-written or unreadable one (treated as stale), undefined when gone. */
async function readLock(path: string): Promise<LockFile | null | undefined> {
  let text: string
  try {
    text = await fsp.readFile(path, 'utf8')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    return JSON.parse(text) as LockFile
  }
  catch {
    // A holder between open and write: give it the benefit of the doubt, unless the file is old.
    const stat = await fsp.stat(path).catch(() => null)
    return stat && Date.now() - stat.mtimeMs < LOCK_LEASE_MS ? { instance_id: null, pid: -1, hostname: '', token: '', expires: stat.mtimeMs + LOCK_LEASE_MS } : null
  }
}

/**
 * Removes a stale lock by renaming it aside first: of two processes taking it over at once only
 * one rename succeeds, and one that moved a fresh lock by mistake puts it back.
 */
async function takeAway(path: string, stale: LockFile | null) {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`
  try {
    await fsp.rename(path, aside)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const moved = await readLock(aside).catch(() => null)
  if (stale && moved && moved.token !== stale.token) await fsp.link(aside, path).catch(() => undefined)
  await fsp.rm(aside, { force: true })
}

function pidExists(pid: number) {
  if (pid <= 0) return true
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Registry entries and lock renewals are replaced whole (rename); they need no fsync, a crash makes them stale anyway. */
async function writeReplacing(path: string, text: string) {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await fsp.writeFile(temp, text)
  await fsp.rename(temp, path)
}
