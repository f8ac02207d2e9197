import { randomBytes } from 'node:crypto'
import { createWriteStream, promises as fsp } from 'node:fs'
import { once } from 'node:events'
import { basename, dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** Temp files start with a dot and end in .tmp so listings can skip what a killed writer left. */
export const isTempFileName = (name: string) => name.startsWith('.') && name.endsWith('.tmp')

/**
 * Writes through a temp file in the destination folder, fsyncs it and renames it into place,
 * so a reader sees either the old file or the whole new one, even if the process is killed.
 */
export async function writeFileAtomic(path: string, data: string | Buffer | Readable): Promise<void> {
  const dir = dirname(path)
  await fsp.mkdir(dir, { recursive: true })
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    if (typeof data === 'string' || Buffer.isBuffer(data)) {
      const handle = await fsp.open(temp, 'wx')
      try {
        await handle.writeFile(data)
        await handle.sync()
      }
      finally {
        await handle.close()
      }
    }
    else {
      const out = createWriteStream(temp, { flags: 'wx' })
      try {
        await pipeline(data, out)
      }
      catch (error) {
        // A source that fails early can beat the file's open(): wait for it, or the temp file outlives our cleanup.
        if (!out.closed) await once(out, 'close')
        throw error
      }
      const handle = await fsp.open(temp, 'r+')
      try { await handle.sync() }
      finally { await handle.close() }
    }
    await fsp.rename(temp, path)
  }
  catch (error) {
    await fsp.rm(temp, { force: true })
    throw error
  }
  await syncDirectory(dir)
}

/** Makes the rename itself durable; some file systems refuse to open folders, which is fine. */
async function syncDirectory(dir: string) {
  const handle = await fsp.open(dir, 'r').catch(() => null)
  if (!handle) return
  try { await handle.sync() }
  catch { /* not supported here */ }
  finally { await handle.close() }
}
