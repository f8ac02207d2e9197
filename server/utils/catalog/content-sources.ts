import { join } from 'node:path'
import { useStorage } from 'nitropack/runtime'
import type { ContentSources } from '../app-context'
import type { CatalogSource } from './load-catalog'
import { readCatalogDir } from './read-catalog-dir'

const FOLDERS = ['perspectives', 'outputs', 'safety', 'personal_data'] as const

/** Shipped JSON (bundled server assets) followed by the school's own files from `contentDir`. */
export async function loadContentSources(contentDir: string): Promise<ContentSources> {
  const entries = await Promise.all(FOLDERS.map(async folder =>
    [folder, [...await shippedFiles(folder), ...await readCatalogDir(join(contentDir, folder))]] as const))
  return Object.fromEntries(entries) as unknown as ContentSources
}

async function shippedFiles(folder: string): Promise<CatalogSource[]> {
  const assets = useStorage('assets:server')
  const keys = (await assets.getKeys(folder)).filter(key => key.endsWith('.json')).sort()
  return Promise.all(keys.map(async (key) => {
    const value = await assets.getItem(key)
    return { file: key.split(':').pop()!, text: typeof value === 'string' ? value : JSON.stringify(value) }
  }))
}
