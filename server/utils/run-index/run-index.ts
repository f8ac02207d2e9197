import type { RunCounts } from '#shared/admin-views'
import type { RunChange } from '../storage/run-store'
import { IndexLog, readIndexLog } from './run-index-log'
import { matchesFilter, type RunFilter } from './run-filter'
import { type RunSummary, searchText, summarySearchText, toRunSummary } from './run-summary'
import { scanRuns } from './scan-runs'

interface Entry { summary: RunSummary, search: string }

export interface RunPage { rows: RunSummary[], total: number }

/** Rewrite the log once it holds this many times more lines than live runs (and at least the minimum). */
const COMPACT_FACTOR = 2
const COMPACT_MIN_LINES = 1000
const RECENT_ANSWERS = 8

const byCreated = (a: Entry, b: Entry) =>
  a.summary.created_at < b.summary.created_at ? -1 : a.summary.created_at > b.summary.created_at ? 1
    : a.summary.run_id < b.summary.run_id ? -1 : a.summary.run_id > b.summary.run_id ? 1 : 0

/**
 * Every run's summary in memory, oldest to newest, kept current from the run store's change
 * events, so the leader's lists and filters never read run folders. Persisted as a log in
 * `<data>/index/runs.jsonl`; each process keeps its own copy.
 */
export class RunIndex {
  readonly ready: Promise<void>
  private byId = new Map<string, Entry>()
  /** Sorted by created_at, then run_id; built once at the end of start-up. */
  private ordered: Entry[] = []
  private loading = true
  /** Runs changed while the index was loading: what the file or the scan says about them is older. */
  private changedWhileLoading = new Set<string>()
  private log: IndexLog
  private compacting = false
  private recent = new Map<string, Entry[]>()

  private compactMinLines: number

  constructor(private paths: { file: string, runsDir: string }, options: { compactMinLines?: number } = {}) {
    this.log = new IndexLog(paths.file)
    this.compactMinLines = options.compactMinLines ?? COMPACT_MIN_LINES
    this.ready = this.load()
  }

  /** The run store's change listener. */
  apply(change: RunChange) {
    this.recent.clear()
    if (this.loading) this.changedWhileLoading.add(change.type === 'put' ? change.run.run_id : change.runId)
    if (change.type === 'put') {
      const summary = toRunSummary(change.run)
      this.upsert({ summary, search: summarySearchText(summary) })
      this.log.append({ put: summary })
    }
    else {
      this.remove(change.runId)
      this.log.append({ delete: change.runId })
    }
    this.compactWhenGrown()
  }

  get size() {
    return this.byId.size
  }

  get(runId: string): RunSummary | null {
    return this.byId.get(runId)?.summary ?? null
  }

  /** Newest first; `total` counts every match, not just the page. */
  query(filter: RunFilter, page: { offset: number, limit: number }): RunPage {
    const matches = this.matching(filter)
    return { rows: matches.slice(page.offset, page.offset + page.limit).map(entry => entry.summary), total: matches.length }
  }

  counts(filter: RunFilter): RunCounts {
    const counts: RunCounts = { total: 0, by_status: {}, by_perspective: {} }
    for (const { summary } of this.matching(filter)) {
      counts.total++
      counts.by_status[summary.status] = (counts.by_status[summary.status] ?? 0) + 1
      counts.by_perspective[summary.perspective] = (counts.by_perspective[summary.perspective] ?? 0) + 1
    }
    return counts
  }

  /** Matching run ids, newest first, as they were when called: runs added or removed meanwhile do not shift it. */
  *ids(filter: RunFilter): Generator<string> {
    for (const entry of this.matching(filter)) yield entry.summary.run_id
  }

  /** Runs created before `cutoff` (ISO datetime), oldest first; `sessionId` null means every session. */
  olderThan(cutoff: string, sessionId: string | null): RunSummary[] {
    const end = this.firstAtOrAfter(cutoff)
    const older: RunSummary[] = []
    for (let i = 0; i < end; i++) {
      const { summary } = this.ordered[i]!
      if (sessionId === null || summary.session_id === sessionId) older.push(summary)
    }
    return older
  }

  /** Resolves once every change so far is written to the log; for shutdown and tests. */
  async flush() {
    await this.ready
    await this.log.flush()
  }

  /**
   * Every match, newest first. Paging through a list and its counts ask for the same filter
   * again and again, so the last few answers are kept until the next change.
   */
  private matching(filter: RunFilter): Entry[] {
    const key = JSON.stringify(filter)
    const cached = this.recent.get(key)
    if (cached) return cached
    const start = filter.from ? this.firstAtOrAfter(filter.from) : 0
    const end = filter.to ? this.firstAfter(filter.to) : this.ordered.length
    const needle = filter.q?.trim() ? searchText(filter.q.trim()) : null
    const matches: Entry[] = []
    for (let i = end - 1; i >= start; i--) {
      const entry = this.ordered[i]!
      if (matchesFilter(entry.summary, entry.search, filter, needle)) matches.push(entry)
    }
    if (this.recent.size >= RECENT_ANSWERS) this.recent.delete(this.recent.keys().next().value!)
    this.recent.set(key, matches)
    return matches
  }

  private firstAtOrAfter(at: string) {
    return this.search(entry => entry.summary.created_at >= at)
  }

  private firstAfter(at: string) {
    return this.search(entry => entry.summary.created_at > at)
  }

  /** First index whose entry satisfies `after` (monotone over the sort order). */
  private search(after: (entry: Entry) => boolean) {
    let low = 0
    let high = this.ordered.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (after(this.ordered[mid]!)) high = mid
      else low = mid + 1
    }
    return low
  }

  private position(entry: Entry) {
    const at = this.search(candidate => byCreated(candidate, entry) >= 0)
    return this.ordered[at] && byCreated(this.ordered[at]!, entry) === 0 ? at : -1
  }

  private upsert(entry: Entry) {
    const previous = this.byId.get(entry.summary.run_id)
    this.byId.set(entry.summary.run_id, entry)
    if (this.loading) return
    if (previous) {
      const at = this.position(previous)
      if (at >= 0 && byCreated(previous, entry) === 0) {
        this.ordered[at] = entry
        return
      }
      if (at >= 0) this.ordered.splice(at, 1)
    }
    const insertAt = this.search(candidate => byCreated(candidate, entry) > 0)
    this.ordered.splice(insertAt, 0, entry)
  }

  private remove(runId: string) {
    const previous = this.byId.get(runId)
    if (!previous) return
    this.byId.delete(runId)
    if (this.loading) return
    const at = this.position(previous)
    if (at >= 0) this.ordered.splice(at, 1)
  }

  private compactWhenGrown() {
    if (this.loading || this.compacting) return
    if (this.log.lines < this.compactMinLines || this.log.lines < COMPACT_FACTOR * this.byId.size) return
    this.compacting = true
    void this.log.rewrite(() => this.ordered.map(entry => entry.summary))
      .catch(() => { /* logged by the log; the next change tries again */ })
      .finally(() => { this.compacting = false })
  }

  private async load() {
    try {
      await this.loadOrRebuild()
    }
    catch (error) {
      // Lists stay usable with what was read; the next start tries again.
      console.error('[runs] could not load the run index', error)
      this.ordered = [...this.byId.values()].sort(byCreated)
      this.loading = false
    }
  }

  private async loadOrRebuild() {
    const started = performance.now()
    const stored = await readIndexLog(this.paths.file)
    const fromFile = stored.state === 'loaded'
    if (stored.state === 'loaded') {
      for (const summary of stored.runs.values()) this.keepLoaded(summary)
      this.log.lines = stored.lines + this.log.lines
    }
    else {
      const reason = stored.state === 'missing' ? 'no index file yet' : `index file unreadable: ${stored.reason}`
      console.info(`[runs] rebuilding the run index from the run folders (${reason})`)
      const scanned = await scanRuns(this.paths.runsDir, summary => this.keepLoaded(summary))
      console.info(`[runs] run index rebuilt: ${scanned.runs} runs (${scanned.skipped} unreadable folders skipped) in ${Math.round(performance.now() - started)} ms`)
    }
    this.ordered = [...this.byId.values()].sort(byCreated)
    this.loading = false
    this.changedWhileLoading.clear()
    this.recent.clear()
    if (fromFile && !(stored.state === 'loaded' && stored.torn)) this.log.resume()
    else await this.log.rewrite(() => this.ordered.map(entry => entry.summary))
    if (fromFile) console.info(`[runs] run index loaded: ${this.byId.size} runs in ${Math.round(performance.now() - started)} ms`)
  }

  private keepLoaded(summary: RunSummary) {
    if (this.changedWhileLoading.has(summary.run_id)) return
    this.byId.set(summary.run_id, { summary, search: summarySearchText(summary) })
  }
}
