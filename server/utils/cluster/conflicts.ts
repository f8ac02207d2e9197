import { z } from 'zod'
import { instanceAddress, type PublicUrlCheck, type StorageConflict } from '#shared/instances'
import type { InstanceRecord } from './coordinator'

export type { ConflictingInstance, PublicUrlCheck, StorageConflict } from '#shared/instances'

type Named = Pick<InstanceRecord, 'id' | 'hostname' | 'port'> & { storage: InstanceRecord['storage'] }

const shortId = (id: string) => id.slice(0, 8)
/** For files the data dir is what an operator compares; for a bucket the bucket and prefix. */
const where = (storage: Named['storage']) => storage.driver === 'fs' ? storage.data_dir : `${storage.location} (data dir ${storage.data_dir})`

function conflictOf(reason: StorageConflict['reason'], shared: string, members: Named[]): StorageConflict | null {
  const byStorage = new Map<string, Named>()
  for (const member of members) if (!byStorage.has(member.storage.id)) byStorage.set(member.storage.id, member)
  if (byStorage.size < 2) return null
  const [first, ...others] = [...byStorage.values()]
  const rest = others.map(other => `instance ${shortId(other.id)} (${instanceAddress(other)}) in ${where(other.storage)}`).join(' and ')
  const both = others.length > 1 ? 'all' : 'both'
  const sharing = reason === 'shared_queue' ? `take jobs from ${shared}` : `are reached at ${shared}`
  return {
    reason,
    instances: members.map(({ id, hostname, port, storage }) => ({ id, hostname, port, storage: { driver: storage.driver, location: storage.location, id: storage.id } })),
    message: `Instance ${shortId(first!.id)} (${instanceAddress(first!)}) stores in ${where(first!.storage)} but ${rest}, and ${both} ${sharing}`,
  }
}

function groupBy(instances: InstanceRecord[], keyOf: (instance: InstanceRecord) => string | null): Map<string, InstanceRecord[]> {
  const groups = new Map<string, InstanceRecord[]>()
  for (const instance of instances) {
    const key = keyOf(instance)
    if (key) groups.set(key, [...(groups.get(key) ?? []), instance])
  }
  return groups
}

/** Live instances sharing a (non-memory) queue or a public address but reporting different storage ids; one conflict per shared queue or address. */
export function storageConflicts(instances: InstanceRecord[]): StorageConflict[] {
  const conflicts: StorageConflict[] = []
  for (const [queue, members] of groupBy(instances, instance => instance.queue.driver === 'memory' ? null : instance.queue.location)) {
    const conflict = conflictOf('shared_queue', queue, members)
    if (conflict) conflicts.push(conflict)
  }
  for (const [url, members] of groupBy(instances, instance => instance.public_url)) {
    const conflict = conflictOf('shared_public_url', url, members)
    if (conflict) conflicts.push(conflict)
  }
  return conflicts
}

/** The same two storages for the same reason are one conflict, whether the registry or the public address check found it. */
export const conflictKey = (conflict: StorageConflict) => `${conflict.reason}|${[...new Set(conflict.instances.map(instance => instance.storage.id))].sort().join('|')}`

export function mergeConflicts(...lists: StorageConflict[][]): StorageConflict[] {
  const byKey = new Map<string, StorageConflict>()
  for (const conflict of lists.flat()) if (!byKey.has(conflictKey(conflict))) byKey.set(conflictKey(conflict), conflict)
  return [...byKey.values()]
}

/** Prints each conflict once, loudly, the first time it appears (again if it went away and came back). */
export function conflictAnnouncer(log: (line: string) => void = line => console.error(line)) {
  let seen = new Set<string>()
  return (conflicts: StorageConflict[]) => {
    const now = new Set(conflicts.map(conflictKey))
    for (const conflict of conflicts) if (!seen.has(conflictKey(conflict))) log(`[ai4artsed] STORAGE CONFLICT: ${conflict.message}. Runs created on one are missing on the other: give every instance the same data dir (or the same bucket and Redis).`)
    seen = now
  }
}

const HealthAnswer = z.object({
  instance: z.object({ id: z.string(), hostname: z.string(), port: z.number().nullable() }),
  storage: z.object({ driver: z.string(), location: z.string(), data_dir: z.string(), id: z.string() }),
})
/** What /api/health tells anyone without the health token: enough to compare storages, not where they are. */
const AnonymousHealthAnswer = z.object({ storage: z.object({ id: z.string() }) })

export interface PublicAddressCheckOptions {
  publicUrl: string
  /** NUXT_HEALTH_TOKEN: sent along, so the answer names the other instance's host and data dir. */
  healthToken?: string
  self: () => Named
  firstDelayMs?: number
  intervalMs?: number
  timeoutMs?: number
}

/**
 * Without a shared registry (two machines, or two data dirs on one) the instances cannot see each
 * other; but users reach one of them at the public address. If that one stores elsewhere, say so.
 */
export class PublicAddressCheck {
  check: PublicUrlCheck | null = null
  conflict: StorageConflict | null = null
  /** After every check, e.g. to announce a new conflict at once. */
  onCheck: (() => void) | null = null
  private timers: NodeJS.Timeout[] = []

  constructor(private readonly options: PublicAddressCheckOptions) {}

  start(): () => void {
    const run = () => void this.checkNow()
    this.timers.push(setTimeout(run, this.options.firstDelayMs ?? 5000).unref(), setInterval(run, this.options.intervalMs ?? 60_000).unref())
    return () => this.stop()
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers = []
  }

  async checkNow(): Promise<void> {
    const url = `${this.options.publicUrl.replace(/\/+$/, '')}/api/health`
    const checked_at = new Date().toISOString()
    try {
      const headers: Record<string, string> = { accept: 'application/json' }
      if (this.options.healthToken) headers.authorization = `Bearer ${this.options.healthToken}`
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000), headers })
      if (!response.ok) throw new Error(`answered ${response.status}`)
      const answer = await response.json().catch(() => null)
      const parsed = HealthAnswer.safeParse(answer)
      const anonymous = AnonymousHealthAnswer.safeParse(answer)
      if (!parsed.success && !anonymous.success) throw new Error('answered, but not as an AI4ArtsEd instance (no storage id)')
      this.check = { url, ok: true, error: null, checked_at }
      this.conflict = this.conflictWith(parsed.success ? parsed.data : this.unnamed(anonymous.data!.storage.id))
    }
    catch (error) {
      const cause = (error as Error & { cause?: Error }).cause
      this.check = { url, ok: false, error: cause?.message ?? (error as Error).message, checked_at }
      this.conflict = null
    }
    this.onCheck?.()
  }

  /** The other instance as far as an answer without the health token tells: its storage id, reached at the public address. */
  private unnamed(storageId: string): z.infer<typeof HealthAnswer> {
    const url = new URL(this.options.publicUrl)
    return {
      instance: { id: 'unknown', hostname: url.hostname, port: url.port ? Number(url.port) : null },
      storage: { driver: 'unknown', location: this.options.publicUrl, data_dir: 'not shown: give every instance the same NUXT_HEALTH_TOKEN to see it', id: storageId },
    }
  }

  private conflictWith(answer: z.infer<typeof HealthAnswer>): StorageConflict | null {
    const self = this.options.self()
    if (answer.instance.id === self.id || answer.storage.id === self.storage.id) return null
    return conflictOf('shared_public_url', this.options.publicUrl, [self, { ...answer.instance, storage: answer.storage }])
  }
}
