import { opendir } from 'node:fs/promises'
import type { RunStore } from '../storage/run-store'
import { isRunId } from '../storage/run-keys'
import { type RunFilter, runMatcher } from './run-filter'

/** The runs an export walks through, one id at a time, so nothing holds the whole list. */
export interface RunSelection {
  /** For the progress bar; runs deleted meanwhile still count as done when reached. */
  total: number
  ids: () => AsyncIterable<string>
}

/** An explicit list from the run browser's checkboxes: duplicates and non-ids dropped. */
export function selectListedRuns(ids: string[]): RunSelection {
  const unique = [...new Set(ids.filter(isRunId))]
  return { total: unique.length, ids: async function* () { yield* unique } }
}

/**
 * SEAM for the run index: after the merge this becomes
 * `{ total: (await index.counts(filter)).total, ids: () => index.ids(filter) }`.
 * Until then it scans the run folders twice (count, then walk), reading each metadata.json.
 */
export async function selectFilteredRuns(runs: RunStore, filter: RunFilter): Promise<RunSelection> {
  const matches = runMatcher(filter)
  const walk = async function* () {
    for await (const runId of runFolderIds(runs)) {
      const run = await runs.get(runId)
      if (run && matches(run)) yield runId
    }
  }
  let total = 0
  for await (const _ of walk()) total++
  return { total, ids: walk }
}

/** Folder names streamed from the directory, never listed into one array. */
async function* runFolderIds(runs: RunStore): AsyncIterable<string> {
  const dir = await opendir(runs.blobs.location).catch(() => null)
  if (!dir) return
  for await (const entry of dir) {
    if (entry.isDirectory() && isRunId(entry.name)) yield entry.name
  }
}
