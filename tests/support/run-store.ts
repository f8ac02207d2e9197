import { join } from 'node:path'
import { createStorage, type Storage } from 'unstorage'
import { FsBlobStore } from '../../server/utils/storage/fs-blob-store'
import { mountDocuments } from '../../server/utils/storage/mount-documents'
import { RunStore } from '../../server/utils/storage/run-store'
import { makeTempDir } from './server'

/** A run store on a fresh temp data dir, wired as the server wires it. */
export function tempRunStore(dataDir = makeTempDir()) {
  const storage = createStorage()
  mountDocuments(storage, dataDir)
  return { dataDir, storage, runs: new RunStore(storage, new FsBlobStore(join(dataDir, 'runs'))) }
}

/** The error a full disk gives. */
export const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })

/**
 * Makes the store's document writes fail while `failing(key)` says so, as a full disk would:
 * the test decides which write fails and when the disk has room again.
 */
export function failWritesOf(storage: Storage, failing: (key: string) => boolean) {
  const setItem = storage.setItem.bind(storage)
  storage.setItem = (async (key: string, ...rest: unknown[]) => {
    if (failing(key)) throw diskFull()
    return (setItem as (...args: unknown[]) => Promise<void>)(key, ...rest)
  }) as Storage['setItem']
}
