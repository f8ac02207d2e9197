import { join } from 'node:path'
import type { Storage } from 'unstorage'
import { atomicFsDriver } from './atomic-fs-driver'
import { ACTIVE_RUNS_PREFIX } from './run-keys'

/** Mounts the JSON/text side of storage (runs, unfinished runs, participants' run lists) under the data directory. */
export function mountRunDocuments(storage: Storage, dataDir: string) {
  storage.mount('runs', atomicFsDriver({ base: join(dataDir, 'runs') }))
  storage.mount(ACTIVE_RUNS_PREFIX, atomicFsDriver({ base: join(dataDir, ACTIVE_RUNS_PREFIX) }))
  storage.mount('participants', atomicFsDriver({ base: join(dataDir, 'participants') }))
}
