import { join } from 'node:path'
import { createStorage } from 'unstorage'
import { FsBlobStore } from '../../server/utils/storage/fs-blob-store'
import { mountRunDocuments } from '../../server/utils/storage/mount-run-documents'
import { RunStore } from '../../server/utils/storage/run-store'
import { makeTempDir } from './server'

/** A run store on a fresh temp data dir, wired as the server wires it. */
export function tempRunStore(dataDir = makeTempDir()) {
  const storage = createStorage()
  mountRunDocuments(storage, dataDir)
  return { dataDir, storage, runs: new RunStore(storage, new FsBlobStore(join(dataDir, 'runs'))) }
}
