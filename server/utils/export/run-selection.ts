import type { RunFilter } from '../run-index/run-filter'
import type { RunIndex } from '../run-index/run-index'
import { isRunId } from '../storage/run-keys'

/** The runs an export walks through, one id at a time. */
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

/** The runs matching the run browser's filters, from the run index (a snapshot taken now, newest first). */
export function selectFilteredRuns(index: RunIndex, filter: RunFilter): RunSelection {
  const ids = [...index.ids(filter)]
  return { total: ids.length, ids: async function* () { yield* ids } }
}
