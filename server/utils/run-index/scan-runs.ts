import { promises as fsp } from 'node:fs'
import { join } from 'node:path'
import type { Storage } from 'unstorage'
import type { RunMetadata } from '#shared/schemas/run'
import { isRunId, RUN_FILES } from '../storage/run-keys'
import { type RunSummary, toRunSummary } from './run-summary'

const PARALLEL_READS = 64
/** Metadata documents per MGET when the documents live in Redis. */
const BATCH = 500

export interface ScanResult { runs: number, skipped: number }

/**
 * Reads every `runs/<id>/metadata.json`: the one slow path, for data dirs from before the index
 * or with a broken index file. Folders without readable metadata are skipped and counted.
 */
export async function scanRuns(runsDir: string, found: (summary: RunSummary) => void): Promise<ScanResult> {
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
        if (!isRun(run, runId)) throw new Error('not a run')
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

/**
 * The same through the document storage (Redis): every `runs:<id>:metadata.json` key, read in
 * batches (one MGET each with the Redis driver).
 */
export async function scanRunDocuments(documents: Storage, found: (summary: RunSummary) => void): Promise<ScanResult> {
  const suffix = `:${RUN_FILES.metadata}`
  const keys = (await documents.getKeys('runs:')).filter(key => key.endsWith(suffix) && isRunId(key.slice('runs:'.length, -suffix.length)))
  let runs = 0
  let skipped = 0
  for (let first = 0; first < keys.length; first += BATCH) {
    for (const { key, value } of await documents.getItems(keys.slice(first, first + BATCH))) {
      const run = (typeof value === 'string' ? safeParse(value) : value) as RunMetadata | null
      if (run && isRun(run, key.slice('runs:'.length, -suffix.length))) {
        found(toRunSummary(run))
        runs++
      }
      else {
        skipped++
      }
    }
  }
  return { runs, skipped }
}

const isRun = (run: RunMetadata, runId: string) => run?.run_id === runId && typeof run.created_at === 'string'

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  }
  catch {
    return null
  }
}
