import { join } from 'node:path'
import { createStorage } from 'unstorage'
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
