import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { waitForRun } from '../support/api'
import { createRun, readRunMetadata, runDir } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

const running: TestServer[] = []
afterAll(() => Promise.all(running.map(server => server.stop())))

/** A process id no process has: the writer was killed. */
const DEAD_PID = 4_000_000

describe('starting after a kill -9', () => {
  it('removes the temp files of killed writes and active-runs entries of runs that ended or were never written', async () => {
    const first = await startServer()
    running.push(first)
    const finished = await createRun(first, { perspective: 'bauhaus', input_text: 'Ein Haus' })
    expect((await waitForRun(first, finished)).status).toBe('awaiting_output')
    await first.kill()
    const { dataDir } = first
    const tempInRun = join(runDir(dataDir, finished), `.metadata.json.${DEAD_PID}.0a1b2c3d4e5f.tmp`)
    const tempInIndex = join(dataDir, 'index', `.runs.jsonl.${DEAD_PID}.0a1b2c3d4e5f.tmp`)
    writeFileSync(tempInRun, '{"half": ')
    writeFileSync(tempInIndex, 'half a log')
    // An entry for a run whose end was written, and one for a run that never got its metadata.
    const completed = await createCompletedRunEntry(dataDir, finished)
    const missing = randomUUID()
    mkdirSync(join(dataDir, 'active-runs'), { recursive: true })
    writeFileSync(join(dataDir, 'active-runs', missing), 'queued')
    // A torn last line in the index log, as a write cut off by a full disk leaves it.
    const log = join(dataDir, 'index', 'runs.jsonl')
    writeFileSync(log, `${readFileSync(log, 'utf8')}{"put":{"run_id":"${randomUUID()}","sta`)

    const second = await startServer({ dataDir, port: first.port })
    running.push(second)
    await expect.poll(() => existsSync(tempInRun) || existsSync(tempInIndex), { timeout: 10_000 }).toBe(false)
    await expect.poll(() => existsSync(join(dataDir, 'active-runs', missing)), { timeout: 10_000 }).toBe(false)
    expect(existsSync(join(dataDir, 'active-runs', completed))).toBe(false)
    await expect.poll(() => readFileSync(log, 'utf8').endsWith('\n'), { timeout: 10_000 }).toBe(true)
    for (const line of readFileSync(log, 'utf8').trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow()
    expect(readRunMetadata(dataDir, finished).status).toBe('awaiting_output')
  })
})

/** Marks the (awaiting) run as listed in active-runs although it is awaiting output; then makes it final on disk. */
async function createCompletedRunEntry(dataDir: string, runId: string): Promise<string> {
  const metadata = JSON.parse(readFileSync(join(runDir(dataDir, runId), 'metadata.json'), 'utf8'))
  const ended = randomUUID()
  mkdirSync(runDir(dataDir, ended), { recursive: true })
  writeFileSync(join(runDir(dataDir, ended), 'metadata.json'), JSON.stringify({ ...metadata, run_id: ended, status: 'cancelled' }))
  writeFileSync(join(runDir(dataDir, ended), 'input.txt'), metadata.input_text)
  mkdirSync(join(dataDir, 'active-runs'), { recursive: true })
  writeFileSync(join(dataDir, 'active-runs', ended), 'running')
  return ended
}
