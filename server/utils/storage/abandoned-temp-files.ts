import { promises as fsp } from 'node:fs'
import { join } from 'node:path'
import { isTempFileName } from './atomic-file'

/** A temp file this old belongs to no write in progress, whoever made it. */
const ABANDONED_AFTER_MS = 10 * 60_000

/** Our atomic writer names temp files `.<file>.<pid>.<random>.tmp`. */
const writerPid = (name: string) => Number(/\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1] ?? Number.NaN)

const startedAt = Date.now() - process.uptime() * 1000

/** Whether the writer may still be writing: its process lives (in a container a restart reuses our pid, so ours only since we started). */
function writerMayLive(pid: number, modifiedAt: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true
  if (pid === process.pid) return modifiedAt >= startedAt
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * At start-up: removes the temp files of atomic writes whose process was killed mid-write. Other
 * instances may share the data dir, so a temp file is left alone while the process that named it
 * lives (or, named without one, for a while), unless it is older than any write takes. Answers
 * how many it removed.
 */
export async function removeAbandonedTempFiles(dataDir: string, now = Date.now()): Promise<number> {
  let removed = 0
  const visit = async (dir: string) => {
    const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await visit(path)
      else if (entry.isFile() && isTempFileName(entry.name)) {
        const stats = await fsp.stat(path).catch(() => null)
        if (!stats || (now - stats.mtimeMs < ABANDONED_AFTER_MS && writerMayLive(writerPid(entry.name), stats.mtimeMs))) continue
        await fsp.rm(path, { force: true })
        removed += 1
      }
    }
  }
  await visit(dataDir)
  return removed
}
