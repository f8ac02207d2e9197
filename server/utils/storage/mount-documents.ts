import { join } from 'node:path'
import type { Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { atomicFsDriver } from './atomic-fs-driver'
import { ACTIVE_RUNS_PREFIX } from './run-keys'
import { urlWithoutCredentials } from '../http/url-without-credentials'
import type { Settings } from '../settings'

/** Every JSON/text mount, each a folder of the same name under the data directory (or a key prefix in Redis). */
export const DOCUMENT_MOUNTS = ['runs', ACTIVE_RUNS_PREFIX, 'participants', 'session-members', 'sessions', 'join-codes', 'leaders', 'leader-sessions', 'audit', 'settings', 'uploads'] as const

export type DocumentSettings = Pick<Settings, 'redisUrl' | 'redisPrefix'>

/** For one process on a data dir (tests and tools): the prefix is never used without a URL. */
const WITHOUT_REDIS: DocumentSettings = { redisUrl: '', redisPrefix: '' }

/** SCAN batch size: the default of 10 would take thousands of round trips to list every run. */
const SCAN_COUNT = 1000

/**
 * Mounts the JSON/text side of storage; media goes through the blob store instead.
 * With `redisUrl` every mount lives in Redis under `<prefix>:<mount>:`, shared by all instances.
 */
export function mountDocuments(storage: Storage, dataDir: string, settings: DocumentSettings = WITHOUT_REDIS) {
  for (const mount of DOCUMENT_MOUNTS) {
    storage.mount(mount, settings.redisUrl
      ? redisDriver({ url: settings.redisUrl, base: `${settings.redisPrefix}:${mount}`, scanCount: SCAN_COUNT })
      : atomicFsDriver({ base: join(dataDir, mount) }))
  }
}

/** Where the documents live, for logs and /api/health; the Redis password is left out. */
export function documentsLocation(dataDir: string, settings: DocumentSettings): string {
  if (!settings.redisUrl) return dataDir
  return `${urlWithoutCredentials(settings.redisUrl)} (${settings.redisPrefix}:*)`
}
