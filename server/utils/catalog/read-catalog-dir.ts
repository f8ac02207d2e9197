import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CatalogSource } from './load-catalog'

/** Reads every `*.json` file of a folder in name order; a missing folder simply has no files. */
export async function readCatalogDir(dir: string): Promise<CatalogSource[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }

  const files = entries
    // Dot files are editor backups or macOS `._name.json` shadows on USB sticks, never catalog items.
    .filter(entry => entry.isFile() && entry.name.endsWith('.json') && !entry.name.startsWith('.'))
    .map(entry => join(dir, entry.name))
    .sort()
  return Promise.all(files.map(async file => ({ file, text: await readFile(file, 'utf8') })))
}
