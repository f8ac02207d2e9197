import { join } from 'node:path'
import type { Storage } from 'unstorage'
import { atomicFsDriver } from './atomic-fs-driver'
import { ACTIVE_RUNS_PREFIX } from './run-keys'

/** Every JSON/text mount, each a folder of the same name under the data directory. */
export const DOCUMENT_MOUNTS = ['runs', ACTIVE_RUNS_PREFIX, 'participants', 'sessions', 'join-codes', 'leaders', 'audit', 'settings'] as const

/** Mounts the JSON/text side of storage; media goes through the blob store instead. */
export function mountDocuments(storage: Storage, dataDir: string) {
  for (const mount of DOCUMENT_MOUNTS) storage.mount(mount, atomicFsDriver({ base: join(dataDir, mount) }))
}
