import { promises as fsp } from 'node:fs'
import { join } from 'node:path'
import type { RunMetadata } from '#shared/schemas/run'
import { isRunId, RUN_FILES } from '../storage/run-keys'
import { type RunSummary, toRunSummary } from './run-summary'

const PARALLEL_READS = 64

/**
 * Reads every `runs/<id>/metadata.json`: the one slow path, for data dirs from before the index
 * or with a broken index file. Folders without readable metadata are skipped and counted.
 */
export async function scanRuns(runsDir: string, found: (summary: RunSummary) => void): Promise<{ runs: number, skipped: number }> {
  const names = await fsp.readdir(runsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[]
    throw error
  })
  const ids = names.filter(isRunId)
  let next = 0
  let runs = 0
  let skipped = 0
  const worker = async () => {
    while (next < ids.length) {
      const runId = ids[next++]!
      try {
        const run = JSON.parse(await fsp.readFile(join(runsDir, runId, RUN_FILES.metadata), 'utf8')) as RunMetadata
        if (run.run_id !== runId || typeof run.created_at !== 'string') throw new Error('not a run')
        found(toRunSummary(run))
        runs++
      }
      catch {
        skipped++
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_READS }, worker))
  return { runs, skipped }
}
