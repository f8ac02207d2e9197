import { randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export interface DataDir {
  /** Absolute, symlinks resolved: the one place this instance keeps runs and media. */
  path: string
  /** Random id kept inside the folder, so two processes can tell whether they share storage. */
  storageId: string
}

export class DataDirError extends Error {}

const STORAGE_ID_FILE = 'storage-id'

/**
 * Resolves, creates and checks the data directory synchronously at start-up: a server that
 * cannot write there must refuse to start instead of losing a class's pictures later.
 */
export function prepareDataDir(configured: string | undefined, projectRoot = process.cwd()): DataDir {
  const requested = resolve(projectRoot, configured || '.data')
  let path: string
  try {
    mkdirSync(requested, { recursive: true })
    path = realpathSync(requested)
    const probe = join(path, `.write-probe-${process.pid}`)
    writeFileSync(probe, 'ok')
    unlinkSync(probe)
  }
  catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new DataDirError(`Cannot write to the data directory ${requested} (${reason}). Set NUXT_DATA_DIR to a folder this user can write, or fix its permissions.`)
  }
  return { path, storageId: readOrCreateStorageId(path) }
}

function readOrCreateStorageId(path: string): string {
  const file = join(path, STORAGE_ID_FILE)
  const candidate = join(path, `.${STORAGE_ID_FILE}.${process.pid}.tmp`)
  writeFileSync(candidate, `${randomUUID()}\n`)
  try {
    // link() fails if the file exists, so two processes starting together agree on one whole id.
    linkSync(candidate, file)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  finally {
    unlinkSync(candidate)
  }
  const id = readFileSync(file, 'utf8').trim()
  if (!id) throw new DataDirError(`The storage id file ${file} is empty; delete it to get a new id.`)
  return id
}
