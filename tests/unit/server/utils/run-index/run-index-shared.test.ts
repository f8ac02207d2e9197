import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createStorage } from 'unstorage'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RemoteRunChange } from '../../../../../server/utils/cluster/coordinator'
import { newRun, type NewRunFields } from '../../../../../server/utils/pipeline/new-run'
import { RunIndex, type RunIndexOptions } from '../../../../../server/utils/run-index/run-index'
import { FsBlobStore } from '../../../../../server/utils/storage/fs-blob-store'
import { mountDocuments } from '../../../../../server/utils/storage/mount-documents'
import { RunStore } from '../../../../../server/utils/storage/run-store'
import { startRedis, type TestRedis } from '../../../../support/redis'
import { tempRunStore } from '../../../../support/run-store'
import { makeTempDir } from '../../../../support/server'

const fields: NewRunFields = { session_id: 's-aaaaaa', participant_id: null, perspective: 'bauhaus', input_text: 'Ein Haus am Meer', context: null, language: 'de', safety_level: 'youth', output: null }
const all = { offset: 0, limit: 100_000 }
const ids = (index: RunIndex) => index.query({}, all).rows.map(row => row.run_id).sort()

/** One "process" on a shared data dir: its own storage, run store and index on the same log file. */
function processOn(dataDir: string, options: RunIndexOptions = {}) {
  const store = tempRunStore(dataDir)
  const file = join(dataDir, 'index', 'runs.jsonl')
  const index = new RunIndex({ file, runsDir: join(dataDir, 'runs') }, { tailMs: 0, ...options })
  store.runs.onChange(change => index.apply(change))
  return { ...store, index, file }
}

async function until(check: () => boolean, timeoutMs = 5000) {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out')
    await new Promise(resolveWait => setTimeout(resolveWait, 10))
  }
  return Date.now() - started
}

describe('RunIndex on a data dir shared by several processes', () => {
  it('sees runs another process created, changed and deleted', async () => {
    const a = processOn(makeTempDir())
    await a.index.ready
    const b = processOn(a.dataDir)
    await b.index.ready
    const run = newRun(fields)
    await a.runs.create(run)
    await a.index.flush()
    await b.index.follow()
    expect(b.index.get(run.run_id)?.status).toBe('queued')
    await a.runs.update(run.run_id, (next) => { next.status = 'completed' })
    const other = newRun(fields)
    await b.runs.create(other)
    await Promise.all([a.index.flush(), b.index.flush()])
    await Promise.all([a.index.follow(), b.index.follow()])
    expect(b.index.get(run.run_id)?.status).toBe('completed')
    expect(ids(a.index)).toEqual([run.run_id, other.run_id].sort())
    // B's own older line read back must not undo A's newer change.
    expect(ids(b.index)).toEqual(ids(a.index))
    await a.runs.delete(run.run_id)
    await a.index.flush()
    await b.index.follow()
    expect(b.index.get(run.run_id)).toBeNull()
  })

  it('follows by itself every second: another process\'s run shows up within about a second', async () => {
    const a = processOn(makeTempDir())
    await a.index.ready
    const b = processOn(a.dataDir, { tailMs: 1000 })
    await b.index.ready
    const run = newRun(fields)
    await a.runs.create(run)
    await a.index.flush()
    const waited = await until(() => b.index.get(run.run_id) !== null, 10_000)
    console.info(`[measure] tail latency ${waited} ms (tail every 1000 ms)`)
    // By itself at the next tick: up to a second, plus what a busy machine adds to a timer.
    expect(waited).toBeLessThan(3000)
    b.index.close()
  })

  it('compacts only under the lock, and the other process reloads the compacted file', async () => {
    let held = true
    const keys: string[] = []
    const tryLock = async <T>(key: string, _ttl: number, work: () => Promise<T>) => {
      keys.push(key)
      return held ? null : work()
    }
    const a = processOn(makeTempDir(), { compactMinLines: 10, tryLock })
    await a.index.ready
    const b = processOn(a.dataDir)
    await b.index.ready
    const run = newRun(fields)
    await a.runs.create(run)
    const gone = newRun(fields)
    await a.runs.create(gone)
    for (let i = 0; i < 12; i++) await a.runs.update(run.run_id, (next) => { next.progress = { value: i, max: 30 } })
    await a.index.flush()
    expect(keys).toContain('index-compact')
    const grown = readFileSync(a.file, 'utf8').split('\n').length
    expect(grown).toBeGreaterThan(12)
    const inode = statSync(a.file).ino
    await b.index.follow()
    await a.runs.delete(gone.run_id)
    held = false
    await a.runs.update(run.run_id, (next) => { next.hidden = true })
    await until(() => statSync(a.file).ino !== inode)
    await a.index.flush()
    expect(readFileSync(a.file, 'utf8').trimEnd().split('\n').length).toBeLessThan(5)
    // B never read the delete line: the compacted file alone tells it the run is gone.
    await b.index.follow()
    expect(ids(b.index)).toEqual([run.run_id])
    expect(b.index.get(run.run_id)).toMatchObject({ hidden: true, updated_at: a.index.get(run.run_id)!.updated_at })
    // Both keep appending to the new file and reading each other's lines.
    const later = newRun(fields)
    await b.runs.create(later)
    await b.index.flush()
    await a.index.follow()
    expect(a.index.get(later.run_id)).not.toBeNull()
  })

  it('reloads when the file was replaced by a different, shorter one', async () => {
    const a = processOn(makeTempDir())
    await a.index.ready
    const kept = newRun(fields)
    await a.runs.create(kept)
    const dropped = newRun(fields)
    await a.runs.create(dropped)
    await a.index.flush()
    const b = processOn(a.dataDir)
    await b.index.ready
    expect(b.index.size).toBe(2)
    const [header, ...lines] = readFileSync(a.file, 'utf8').trimEnd().split('\n')
    writeFileSync(`${a.file}.new`, `${[header, ...lines.filter(line => line.includes(kept.run_id))].join('\n')}\n`)
    const { renameSync } = await import('node:fs')
    renameSync(`${a.file}.new`, a.file)
    await b.index.follow()
    expect(ids(b.index)).toEqual([kept.run_id])
  })
})

describe('RunIndex with documents in Redis', () => {
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  function instance(prefix: string, onRemoteRunChange?: RunIndexOptions['onRemoteRunChange']) {
    const dataDir = makeTempDir()
    const storage = createStorage()
    mountDocuments(storage, dataDir, { redisUrl: redis.url, redisPrefix: prefix })
    const runs = new RunStore(storage, new FsBlobStore(join(dataDir, 'runs')))
    const make = () => {
      const index = new RunIndex({ documents: storage, runs }, { onRemoteRunChange })
      runs.onChange(change => index.apply(change))
      return index
    }
    return { dataDir, storage, runs, make }
  }

  it('builds from the run documents, keeps no log file, and applies other instances\' changes', async () => {
    const listeners: ((change: RemoteRunChange) => void)[] = []
    const a = instance('idx1')
    const made: string[] = []
    for (let i = 0; i < 5; i++) {
      const run = newRun(fields)
      await a.runs.create(run)
      made.push(run.run_id)
    }
    const b = instance('idx1', (listener) => {
      listeners.push(listener)
      return () => listeners.splice(listeners.indexOf(listener), 1)
    })
    const index = b.make()
    await index.ready
    expect(ids(index)).toEqual([...made].sort())
    await index.flush()
    expect(() => statSync(join(b.dataDir, 'index', 'runs.jsonl'))).toThrow()

    const fresh = newRun(fields)
    await a.runs.create(fresh)
    await a.runs.update(made[0]!, (next) => { next.status = 'failed' })
    await a.runs.delete(made[1]!)
    for (const change of [{ type: 'put', runId: fresh.run_id }, { type: 'put', runId: made[0]! }, { type: 'delete', runId: made[1]! }] as const) {
      for (const listener of listeners) listener(change)
    }
    await until(() => index.get(fresh.run_id) !== null && index.get(made[0]!)?.status === 'failed' && index.get(made[1]!) === null)
    index.close()
    expect(listeners).toHaveLength(0)
    await Promise.all([a.storage.dispose(), b.storage.dispose()])
  })

  it('builds the index of 10,000 runs from Redis in a few seconds', async () => {
    const a = instance('idx10k')
    const client = (await import('ioredis')).default
    const redisClient = new client(redis.url)
    const pipeline = redisClient.pipeline()
    for (let i = 0; i < 10_000; i++) {
      const run = newRun({ ...fields, input_text: `Idee ${i}` })
      pipeline.set(`idx10k:runs:${run.run_id}:metadata.json`, JSON.stringify(run, null, 2))
      pipeline.set(`idx10k:runs:${run.run_id}:input.txt`, run.input_text)
    }
    await pipeline.exec()
    redisClient.disconnect()
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    const started = performance.now()
    const index = a.make()
    await index.ready
    const elapsed = Math.round(performance.now() - started)
    info.mockRestore()
    console.info(`[measure] index of 10,000 runs built from Redis in ${elapsed} ms`)
    expect(index.size).toBe(10_000)
    expect(elapsed).toBeLessThan(10_000)
    await a.storage.dispose()
  }, 60_000)
})
