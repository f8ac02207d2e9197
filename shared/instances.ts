import type { DiskUseView } from './disk-use'
/** Wire types of /api/health's cluster part and GET /api/admin/instances, shared by server and admin pages. */

/** An instance as the registry lists it (the server calls it InstanceRecord, server/utils/cluster/coordinator.ts). */
export interface InstanceView {
  id: string, pid: number, hostname: string, port: number | null, version: string, commit: string | null,
  started_at: string, last_seen: string,
  public_url: string | null,
  storage: { driver: string, location: string, data_dir: string, id: string },
  queue: { driver: 'memory' | 'bullmq', /** where the queue lives, no password: "redis://host:6379/0" or "memory:<data_dir>" */ location: string },
}

/** An instance as a conflict names it: enough to find the process and the folder or bucket it writes to. */
export interface ConflictingInstance {
  id: string
  hostname: string
  port: number | null
  storage: { driver: string, location: string, id: string }
}

/**
 * Two live instances that users or jobs reach as one (same queue, same public address) but that store
 * in different places: runs created on one would be missing on the other, the school's old bug.
 */
export interface StorageConflict {
  reason: 'shared_queue' | 'shared_public_url'
  instances: ConflictingInstance[]
  message: string
}

/** What the public address (NUXT_PUBLIC_URL) answered last; `ok: false` (unreachable, not our app) is a note, no conflict. */
export interface PublicUrlCheck { url: string, ok: boolean, error: string | null, checked_at: string }

/** "host:port", or the host alone when the port is unknown. */
export const instanceAddress = (instance: { hostname: string, port: number | null }) =>
  instance.port === null ? instance.hostname : `${instance.hostname}:${instance.port}`

export interface InstancesView {
  instances: InstanceView[]
  conflicts: StorageConflict[]
  storage_conflict: boolean
  /** null without NUXT_PUBLIC_URL, or before the first check (5 s after start). */
  public_url_check: PublicUrlCheck | null
}

/** GET /api/admin/instances: the view, and which instance answered (behind a load balancer, any of them). */
export interface AdminInstancesView extends InstancesView {
  this_instance: string
  /** The disk of this instance's data dir: below the floor, new runs are refused (507). */
  disk: DiskUseView
}
