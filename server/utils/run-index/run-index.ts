import { promises as fsp } from 'node:fs'
import type { Storage } from 'unstorage'
import type { RunCounts } from '#shared/admin-views'
import type { RunMetadata } from '#shared/schemas/run'
import type { RemoteRunChange } from '../cluster/coordinator'
import { KeyedMutex } from '../keyed-mutex'
import type { RunChange } from '../storage/run-store'
import { IndexLog, type LogRecord, LogTail, readIndexLog } from './run-index-log'
import { matchesFilter, type RunFilter } from './run-filter'
import { type RunSummary, searchText, summarySearchText, toRunSummary } from './run-summary'
import { scanRunDocuments, scanRuns } from './scan-runs'

interface Entry { summary: RunSummary, search: string }

export interface RunPage { rows: RunSummary[], total: number }

/**
 * Where the index comes from. A data dir: the log `<data>/index/runs.jsonl`, shared by every
 * process on it (each appends its changes and reads the others'). Documents in Redis: no log;
 * built from the run documents at start, then kept current by local and remote changes.
 */
export type RunIndexSource =
  | { file: string, runsDir: string }
  | { documents: Storage, runs: { get(runId: string): Promise<RunMetadata | null> } }

export interface RunIndexOptions {
  compactMinLines?: number
  /** How often to read lines other processes appended to the log; 0: never (tests of one process). */
  tailMs?: number
  /** Cross-process exclusion (the coordinator's); compaction runs only under it. Default: always allowed. */
  tryLock?: <T>(key: string, ttlMs: number, work: () => Promise<T>) => Promise<T | null>
  /** Run changes made by other instances (the coordinator's pub/sub); used with documents in Redis. */
  onRemoteRunChange?: (listener: (change: RemoteRunChange) => void) => () => void
}

const TAIL_MS = 1000
const COMPACT_LOCK_MS = 60_000
/** How long a process that opened the log just before a compaction may still append to the old file. */
const STRAGGLER_MS = 200

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
 * `<data>/index/runs.jsonl` that every process on the data dir appends to and follows; with
 * documents in Redis, rebuilt from them at start and followed through the coordinator's events.
 */
export class RunIndex {
  readonly ready: Promise<void>
  private byId = new Map<string, Entry>()
  /** Sorted by created_at, then run_id; built once at the end of start-up. */
  private ordered: Entry[] = []
  private loading = true
  /** Runs changed while the index was loading: what the file or the scan says about them is older. */
  private changedWhileLoading = new Set<string>()
  private log: IndexLog | null
  private tail: LogTail | null
  private compacting: Promise<unknown> | null = null
  private recent = new Map<string, Entry[]>()
  /** Run ids are never reused: a deleted run must not come back from an older line or a late read. */
  private deleted = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private unsubscribe: (() => void) | null = null
  private fetches = new KeyedMutex()
  private tailing: Promise<void> = Promise.resolve()

  private compactMinLines: number
  private tryLock: NonNullable<RunIndexOptions['tryLock']>

  constructor(private source: RunIndexSource, options: RunIndexOptions = {}) {
    this.log = 'file' in source ? new IndexLog(source.file) : null
    this.tail = 'file' in source ? new LogTail(source.file) : null
    this.compactMinLines = options.compactMinLines ?? COMPACT_MIN_LINES
    this.tryLock = options.tryLock ?? (async (_key, _ttl, work) => work())
    if ('documents' in source && options.onRemoteRunChange) {
      this.unsubscribe = options.onRemoteRunChange(change => void this.applyRemote(change))
    }
    this.ready = this.load()
    const tailMs = options.tailMs ?? TAIL_MS
    if (this.tail && tailMs > 0) {
      this.timer = setInterval(() => void this.follow(), tailMs)
      this.timer.unref()
    }
  }

  /** The run store's change listener. */
  apply(change: RunChange) {
    this.recent.clear()
    if (this.loading) this.changedWhileLoading.add(change.type === 'put' ? change.run.run_id : change.runId)
    if (change.type === 'put') {
      const summary = toRunSummary(change.run)
      this.upsert({ summary, search: summarySearchText(summary) })
      this.log?.append({ put: summary })
    }
    else {
      this.deleted.add(change.runId)
      this.remove(change.runId)
      this.log?.append({ delete: change.runId })
    }
    this.compactWhenGrown()
  }

  /** Reads what other processes appended to the log since the last call; runs every `tailMs` by itself. */
  follow(): Promise<void> {
    this.tailing = this.tailing.then(() => this.readTail()).catch((error) => {
      console.error('[runs] could not read the run index log', error)
    })
    return this.tailing
  }

  /** Stops following the log and the remote changes. */
  close() {
    if (this.timer) clearInterval(this.timer)
    this.unsubscribe?.()
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
    while (this.compacting) await this.compacting
    await this.log?.flush()
    // Lines a compaction carried over may have grown the log past the mark again.
    this.compactWhenGrown()
    while (this.compacting) await this.compacting
  }

  private async readTail() {
    if (!this.tail || this.loading) return
    const read = await this.tail.read()
    if (read.replaced) return this.reloadReplaced()
    for (const record of read.records) this.applyRecord(record)
    this.log!.lines += read.lines
    this.compactWhenGrown()
  }

  /** A line from the log, ours or another process's: applied only when newer than what we hold. */
  private applyRecord(record: LogRecord) {
    if ('delete' in record) {
      if (this.deleted.has(record.delete)) return
      this.deleted.add(record.delete)
      this.recent.clear()
      this.remove(record.delete)
      return
    }
    const summary = record.put
    if (this.deleted.has(summary.run_id)) return
    const current = this.byId.get(summary.run_id)
    if (current && current.summary.updated_at >= summary.updated_at) return
    this.recent.clear()
    this.upsert({ summary, search: summarySearchText(summary) })
  }

  /**
   * Another process compacted or rebuilt the log: the new file holds every live run. Ours that
   * are newer stay (their lines follow); runs the file does not list are gone.
   */
  private async reloadReplaced() {
    const file = this.log!.file
    const { ino, size } = await fsp.stat(file)
    const stored = await readIndexLog(file)
    if (stored.state !== 'loaded') return
    const next = new Map<string, Entry>()
    for (const summary of stored.runs.values()) {
      const current = this.byId.get(summary.run_id)
      next.set(summary.run_id, current && current.summary.updated_at > summary.updated_at ? current : { summary, search: summarySearchText(summary) })
    }
    this.byId = next
    this.ordered = [...next.values()].sort(byCreated)
    this.recent.clear()
    this.log!.lines = stored.lines
    this.tail!.position(ino, size)
  }

  /** Another instance changed a run in Redis: read it there (one read at a time per run, so the last read wins). */
  private applyRemote(change: RemoteRunChange) {
    const source = this.source as Extract<RunIndexSource, { documents: Storage }>
    return this.fetches.run(change.runId, async () => {
      const run = change.type === 'put' ? await source.runs.get(change.runId) : null
      // Documents in Redis keep no index log, so this is exactly what a local change does.
      this.apply(run ? { type: 'put', run } : { type: 'delete', runId: change.runId, previous: null })
    }).catch((error) => {
      console.error(`[runs] could not read run ${change.runId} changed by another instance`, error)
    })
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
    if (!this.log || this.loading || this.compacting) return
    if (this.log.lines < this.compactMinLines || this.log.lines < COMPACT_FACTOR * this.byId.size) return
    this.compacting = this.tryLock('index-compact', COMPACT_LOCK_MS, () => this.rewriteLog())
      .catch(() => null /* logged by the log; the next change tries again */)
      .then((rewritten) => {
        this.compacting = null
        // Changes made while it ran may have grown the log again; after a refusal the next change asks again.
        if (rewritten) this.compactWhenGrown()
      })
  }

  /**
   * Replaces the log with one line per live run. Other processes may append to the old file until
   * they notice the new one; what they appended after our last read is carried over.
   */
  private async rewriteLog(): Promise<true> {
    const log = this.log!
    const file = log.file
    await this.follow()
    const old = await fsp.open(file, 'r').catch(() => null)
    try {
      await log.rewrite(() => this.ordered.map(entry => entry.summary), async (bytes) => {
        const { ino } = await fsp.stat(file)
        const consumed = this.tail!.at
        this.tail!.position(ino, bytes)
        if (!old) return
        await new Promise(resolveWait => setTimeout(resolveWait, STRAGGLER_MS))
        const rest = (await old.stat()).ino === consumed.inode ? await LogTail.rest(old, consumed.offset) : ''
        log.appendRaw(rest)
      })
    }
    finally {
      await old?.close()
    }
    return true
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
    if ('documents' in this.source) return this.loadFromDocuments(this.source.documents)
    const started = performance.now()
    const log = this.log!
    const before = await fsp.stat(this.source.file).catch(() => null)
    const stored = await readIndexLog(this.source.file)
    const fromFile = stored.state === 'loaded'
    if (stored.state === 'loaded') {
      for (const summary of stored.runs.values()) this.keepLoaded(summary)
      log.lines = stored.lines + log.lines
    }
    else {
      const reason = stored.state === 'missing' ? 'no index file yet' : `index file unreadable: ${stored.reason}`
      console.info(`[runs] rebuilding the run index from the run folders (${reason})`)
      const scanned = await scanRuns(this.source.runsDir, summary => this.keepLoaded(summary))
      console.info(`[runs] run index rebuilt: ${scanned.runs} runs (${scanned.skipped} unreadable folders skipped) in ${Math.round(performance.now() - started)} ms`)
    }
    this.ordered = [...this.byId.values()].sort(byCreated)
    this.loading = false
    this.changedWhileLoading.clear()
    this.recent.clear()
    if (fromFile && !(stored.state === 'loaded' && stored.torn)) {
      // Lines appended after our stat are read again by the tail; applying a line twice is harmless.
      if (before) this.tail!.position(before.ino, before.size)
      log.resume()
    }
    else {
      // Another process rewriting it now writes the same runs; we follow its file instead.
      if (await this.tryLock('index-compact', COMPACT_LOCK_MS, () => this.rewriteLog()) === null) log.resume()
    }
    if (fromFile) console.info(`[runs] run index loaded: ${this.byId.size} runs in ${Math.round(performance.now() - started)} ms`)
  }

  private async loadFromDocuments(documents: Storage) {
    const started = performance.now()
    const scanned = await scanRunDocuments(documents, summary => this.keepLoaded(summary))
    this.ordered = [...this.byId.values()].sort(byCreated)
    this.loading = false
    this.changedWhileLoading.clear()
    this.recent.clear()
    console.info(`[runs] run index built from the run documents: ${scanned.runs} runs (${scanned.skipped} unreadable skipped) in ${Math.round(performance.now() - started)} ms`)
  }

  private keepLoaded(summary: RunSummary) {
    if (this.deleted.has(summary.run_id)) return
    if (this.changedWhileLoading.has(summary.run_id)) return
    this.byId.set(summary.run_id, { summary, search: summarySearchText(summary) })
  }
}
