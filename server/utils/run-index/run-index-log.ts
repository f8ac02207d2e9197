import { createReadStream, promises as fsp } from 'node:fs'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { writeFileAtomic } from '../storage/atomic-file'
import type { RunSummary } from './run-summary'

const HEADER = JSON.stringify({ index: 'runs', version: 1 })

type LogRecord = { put: RunSummary } | { delete: string }

export type LoadedLog =
  | { state: 'loaded', runs: Map<string, RunSummary>, lines: number, torn: boolean }
  | { state: 'missing' }
  | { state: 'unreadable', reason: string }

/** Replays the log: later lines win. A torn last line (killed mid-append) is dropped, any other bad line makes the log unreadable. */
export async function readIndexLog(file: string): Promise<LoadedLog> {
  try {
    await fsp.access(file)
  }
  catch {
    return { state: 'missing' }
  }
  const runs = new Map<string, RunSummary>()
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
      if ('put' in record) runs.set(record.put.run_id, record.put)
      else runs.delete(record.delete)
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

function parseRecord(line: string): LogRecord | null {
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

  /** Replaces the file with one line per live run, written atomically; `snapshot` is taken when the write starts. */
  rewrite(snapshot: () => RunSummary[]): Promise<void> {
    this.paused = false
    return this.enqueue(async () => {
      const runs = snapshot()
      // Every pending line describes a change already in the snapshot.
      this.pending = []
      this.lines = runs.length
      await writeFileAtomic(this.file, Readable.from(linesOf(runs)))
    })
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
      await fsp.appendFile(this.file, chunk)
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

function* linesOf(runs: RunSummary[]) {
  yield `${HEADER}\n`
  for (const run of runs) yield `${JSON.stringify({ put: run })}\n`
}
