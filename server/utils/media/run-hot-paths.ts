import type { RunIndex } from '../run-index/run-index'
import type { RunSummary } from '../run-index/run-summary'
import type { BlobStat, BlobStore } from '../storage/blob-store'
import { runBlobKey } from '../storage/run-keys'

/** Enough for every thumbnail a school looks at in a day; the oldest entries go first beyond it. */
const MAX_REMEMBERED = 20_000

/**
 * The two requests a class makes most, media files and status polls, answered from memory: who
 * may see a run comes from the run index (kept current by every run change, and by other
 * instances' change events with Redis), and what was last read for a run is kept with the
 * `updated_at` it was read at, so any change to the run (hide, delete, generate again) makes it
 * stale at once. Anything memory cannot vouch for goes the full way through storage.
 */
export class RunHotPaths {
  private readonly stats = new Map<string, { updatedAt: string, stat: BlobStat }>()
  private readonly pollEtags = new Map<string, { updatedAt: string, etag: string }>()

  constructor(private readonly index: RunIndex, private readonly blobs: BlobStore) {}

  /** The run's summary when it is this participant's own, not hidden, and finished; else null. */
  ownCompletedRun(runId: string, participantId: string | null): RunSummary | null {
    const summary = this.ownRun(runId, participantId)
    return summary?.status === 'completed' ? summary : null
  }

  /** The run's summary when it is this participant's own and not hidden; else null. */
  ownRun(runId: string, participantId: string | null): RunSummary | null {
    if (participantId === null) return null
    const summary = this.index.get(runId)
    return summary && summary.participant_id === participantId && !summary.hidden ? summary : null
  }

  /** The stat of one of the run's published files (its output or thumbnail), read once per version of the run. */
  async publishedFileStat(summary: RunSummary, file: string): Promise<BlobStat | null> {
    if (file !== summary.media_file && file !== summary.thumbnail) return null
    const key = runBlobKey(summary.run_id, file)
    const known = this.stats.get(key)
    if (known?.updatedAt === summary.updated_at) return known.stat
    const stat = await this.blobs.stat(key)
    if (stat) remember(this.stats, key, { updatedAt: summary.updated_at, stat })
    return stat
  }

  /** The ETag the run's status view had when the run was at `updatedAt`. */
  pollEtag(summary: RunSummary): string | null {
    const known = this.pollEtags.get(summary.run_id)
    return known?.updatedAt === summary.updated_at ? known.etag : null
  }

  rememberPollEtag(runId: string, updatedAt: string, etag: string) {
    remember(this.pollEtags, runId, { updatedAt, etag })
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T) {
  map.delete(key)
  map.set(key, value)
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!)
}
