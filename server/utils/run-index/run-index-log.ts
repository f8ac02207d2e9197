import { createReadStream, promises as fsp } from 'node:fs'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { writeFileAtomic } from '../storage/atomic-file'
import type { RunSummary } from './run-summary'

const HEADER = JSON.stringify({ index: 'runs', version: 1 })

export type LogRecord = { put: RunSummary } | { delete: string }

export type LoadedLog =
  | { state: 'loaded', runs: Map<string, RunSummary>, lines: number, torn: boolean }
  | { state: 'missing' }
  | { state: 'unreadable', reason: string }

/** Replays the log: newer versions win. A torn last line (killed mid-append) is dropped, any other bad line makes the log unreadable. */
export async function readIndexLog(file: string): Promise<LoadedLog> {
  try {
    await fsp.access(file)
  }
  catch {
    return { state: 'missing' }
  }
  const runs = new Map<string, RunSummary>()
  const deleted = new Set<string>()
  let lines = 0
  let bad: { at: number, text: string } | null = null
  let lineNumber = 0
  try {
    const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
    for await (const line of reader) {
      lineNumber++
      if (bad) return { state: 'unreadable', reason: `line ${bad.at} is not a log record` }
      if (lineNumber === 1) {
        if (line !== HEADER) return { state: 'unreadable', reason: 'unknown header' }
        continue
      }
      const record = parseRecord(line)
      if (!record) {
        bad = { at: lineNumber, text: line }
        continue
      }
      lines++
      // Several processes append, and a compaction carries over lines written meanwhile: the newest
      // version of a run wins, not the last line, and a deleted run stays deleted.
      if ('put' in record) {
        const current = runs.get(record.put.run_id)
        if (!deleted.has(record.put.run_id) && (!current || current.updated_at <= record.put.updated_at)) runs.set(record.put.run_id, record.put)
      }
      else {
        deleted.add(record.delete)
        runs.delete(record.delete)
      }
    }
  }
  catch (error) {
    return { state: 'unreadable', reason: (error as Error).message }
  }
  if (lineNumber === 0) return { state: 'unreadable', reason: 'empty file' }
  // A last line without its newline would swallow the next append, so it counts as torn too.
  return { state: 'loaded', runs, lines, torn: bad !== null || !(await endsWithNewline(file)) }
}

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await fsp.open(file, 'r')
  try {
    const { size } = await handle.stat()
    const last = Buffer.alloc(1)
    await handle.read(last, 0, 1, size - 1)
    return last[0] === 0x0A
  }
  finally {
    await handle.close()
  }
}

export function parseRecord(line: string): LogRecord | null {
  try {
    const record = JSON.parse(line) as LogRecord
    if (record && typeof record === 'object' && (('put' in record && typeof record.put?.run_id === 'string') || typeof (record as { delete?: unknown }).delete === 'string')) return record
  }
  catch { /* torn or foreign line */ }
  return null
}

/**
 * The index on disk: one JSON line per change, appended in order, so start-up reads one file
 * instead of every run. Lines are idempotent (a put is the whole summary), so replaying a change
 * twice is harmless; that lets a rewrite drop pending lines without coordinating with writers.
 */
export class IndexLog {
  private pending: string[] = []
  private chain: Promise<void> = Promise.resolve()
  private flushScheduled = false
  private paused = true
  /** Records in the file (plus pending), to decide when a rewrite pays off. */
  lines = 0

  constructor(readonly file: string) {}

  append(record: LogRecord) {
    this.pending.push(`${JSON.stringify(record)}\n`)
    this.lines++
    if (!this.paused) this.scheduleFlush()
  }

  /** Starts writing appended lines; until then they wait (while the index loads). */
  resume() {
    this.paused = false
    this.scheduleFlush()
  }

  /**
   * Replaces the file with one line per live run, written atomically; `snapshot` is taken when the
   * write starts. `replaced` runs right after the rename with the new file's length, before the next append.
   */
  rewrite(snapshot: () => RunSummary[], replaced?: (bytes: number) => Promise<void>): Promise<void> {
    this.paused = false
    return this.enqueue(async () => {
      const runs = snapshot()
      // Every pending line describes a change already in the snapshot.
      this.pending = []
      this.lines = runs.length
      let bytes = 0
      const counted = Readable.from(linesOf(runs)).map((line: string) => {
        bytes += Buffer.byteLength(line)
        return line
      })
      await writeFileAtomic(this.file, counted)
      await replaced?.(bytes)
    })
  }

  /** Lines another process appended to the file this one replaced: written again after our snapshot. */
  appendRaw(text: string) {
    if (!text) return
    const lines = text.endsWith('\n') ? text : `${text}\n`
    this.pending.push(lines)
    // Counted like appended records, so lines carried over into a rewritten file still call for the next rewrite.
    this.lines += lines.split('\n').length - 1
    this.scheduleFlush()
  }

  /** Resolves once every line appended so far is on disk. */
  async flush() {
    this.scheduleFlush()
    await this.chain
  }

  private scheduleFlush() {
    if (this.flushScheduled || this.pending.length === 0) return
    this.flushScheduled = true
    void this.enqueue(async () => {
      this.flushScheduled = false
      if (this.pending.length === 0) return
      const chunk = this.pending.join('')
      this.pending = []
      try {
        await appendWholeLines(this.file, chunk)
      }
      catch (error) {
        // Written with the next append (a full disk frees up); the lines are idempotent.
        this.pending.unshift(chunk)
        throw error
      }
    })
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step)
    this.chain = next.catch((error) => {
      console.error('[runs] could not write the run index log', error)
    })
    return next
  }
}

/**
 * Appends `chunk` (whole lines) or nothing: a write that fails half way (a full disk) is cut back,
 * so the log never keeps a torn line that the next append would glue onto. Another process's
 * append in that same moment would be cut too; its run's next change writes it again, and the
 * index can always be rebuilt from the run folders.
 */
export async function appendWholeLines(file: string, chunk: string): Promise<void> {
  const handle = await fsp.open(file, 'a')
  try {
    const { size } = await handle.stat()
    try {
      await handle.writeFile(chunk)
    }
    catch (error) {
      await handle.truncate(size).catch(() => {})
      throw error
    }
  }
  finally {
    await handle.close()
  }
}

function* linesOf(runs: RunSummary[]) {
  yield `${HEADER}\n`
  for (const run of runs) yield `${JSON.stringify({ put: run })}\n`
}

/**
 * Reads what other processes appended since the last read. Lines stay whole: a chunk ending
 * mid-line keeps its tail for the next read. `replaced` when the file is a different one now
 * (compacted or rewritten by another process) or shorter than what was read.
 */
export class LogTail {
  private inode = -1
  private offset = 0
  private partial = Buffer.alloc(0)

  constructor(readonly file: string) {}

  /** Where reading continues: after what the caller already has. */
  position(inode: number, offset: number) {
    this.inode = inode
    this.offset = offset
    this.partial = Buffer.alloc(0)
  }

  get at() {
    return { inode: this.inode, offset: this.offset }
  }

  async read(): Promise<{ replaced: true } | { replaced: false, records: LogRecord[], lines: number }> {
    let handle: Awaited<ReturnType<typeof fsp.open>>
    try {
      handle = await fsp.open(this.file, 'r')
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { replaced: false, records: [], lines: 0 }
      throw error
    }
    try {
      const { ino, size } = await handle.stat()
      if (ino !== this.inode || size < this.offset) return { replaced: true }
      if (size === this.offset) return { replaced: false, records: [], lines: 0 }
      const chunk = Buffer.alloc(size - this.offset)
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, this.offset)
      this.offset += bytesRead
      return { replaced: false, ...this.split(chunk.subarray(0, bytesRead)) }
    }
    finally {
      await handle.close()
    }
  }

  /** The bytes of the file `fd` from our offset on: lines appended to it after it was replaced. */
  static async rest(handle: Awaited<ReturnType<typeof fsp.open>>, offset: number): Promise<string> {
    const { size } = await handle.stat()
    if (size <= offset) return ''
    const chunk = Buffer.alloc(size - offset)
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset)
    const text = chunk.subarray(0, bytesRead).toString('utf8')
    // Only whole lines: a torn one would corrupt the new file.
    return text.slice(0, text.lastIndexOf('\n') + 1)
  }

  private split(chunk: Buffer) {
    const data = Buffer.concat([this.partial, chunk])
    const end = data.lastIndexOf(0x0A)
    this.partial = Buffer.from(data.subarray(end + 1))
    const records: LogRecord[] = []
    let lines = 0
    for (const line of data.subarray(0, end + 1).toString('utf8').split('\n')) {
      if (!line || line === HEADER) continue
      const record = parseRecord(line)
      if (record) {
        records.push(record)
        lines++
      }
    }
    return { records, lines }
  }
}
