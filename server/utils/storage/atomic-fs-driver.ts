import { join, sep } from 'node:path'
import { defineDriver } from 'unstorage'
import fsLiteDriver from 'unstorage/drivers/fs-lite'
import { writeFileAtomic } from './atomic-file'

/**
 * unstorage's fs driver writes in place, so a reader (or a crash) can catch half a file.
 * This one reads like fs-lite and writes through temp file + fsync + rename.
 */
export const atomicFsDriver = defineDriver((options: { base: string }) => {
  const lite = fsLiteDriver({ base: options.base, ignore: (path: string) => /(^|\/)\.[^/]*$/.test(path) })
  const pathOf = (key: string) => {
    const path = join(options.base, key.replace(/:/g, '/'))
    if (!path.startsWith(options.base + sep)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`)
    return path
  }
  return {
    ...lite,
    name: 'atomic-fs',
    options,
    setItem: (key: string, value: string) => writeFileAtomic(pathOf(key), value),
    setItemRaw: (key: string, value: Buffer) => writeFileAtomic(pathOf(key), value),
  }
})
