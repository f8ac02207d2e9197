import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { RunMetadata } from '#shared/schemas/run'
import { newRun, type NewRunFields } from '../../../../../server/utils/pipeline/new-run'
import { RunIndex } from '../../../../../server/utils/run-index/run-index'
import { tempRunStore } from '../../../../support/run-store'

const fields: NewRunFields = { session_id: 's-aaaaaa', participant_id: null, perspective: 'bauhaus', input_text: 'Ein Haus am Meer', context: null, language: 'de', safety_level: 'youth', output: null }

function setup(dataDir?: string, options: { compactMinLines?: number } = {}) {
  const store = tempRunStore(dataDir)
  const file = join(store.dataDir, 'index', 'runs.jsonl')
  const index = new RunIndex({ file, runsDir: join(store.dataDir, 'runs') }, options)
  store.runs.onChange(change => index.apply(change))
  return { ...store, index, file }
}

let clock = Date.parse('2026-03-01T08:00:00.000Z')
/** A run stored with a distinct created_at, one minute after the previous one. */
async function addRun(runs: ReturnType<typeof setup>['runs'], overrides: Partial<NewRunFields> & Partial<Pick<RunMetadata, 'created_at' | 'interception_text' | 'status'>> = {}) {
  const { created_at, interception_text, status, ...rest } = overrides
  const run = newRun({ ...fields, ...rest })
  run.created_at = created_at ?? new Date(clock += 60_000).toISOString()
  if (interception_text !== undefined) run.interception_text = interception_text
  if (status) run.status = status
  await runs.create(run)
  return run
}

const ids = (page: { rows: { run_id: string }[] }) => page.rows.map(row => row.run_id)
const all = { offset: 0, limit: 1000 }

describe('RunIndex', () => {
  it('lists runs newest first with offset, limit and the total of all matches', async () => {
    const { runs, index } = setup()
    await index.ready
    const made = []
    for (let i = 0; i < 5; i++) made.push(await addRun(runs))
    const newestFirst = made.map(run => run.run_id).reverse()
    expect(ids(index.query({}, all))).toEqual(newestFirst)
    const page = index.query({}, { offset: 1, limit: 2 })
    expect(ids(page)).toEqual(newestFirst.slice(1, 3))
    expect(page.total).toBe(5)
  })

  it('filters by session, perspective, status, safety level, participant, hidden and date range', async () => {
    const { runs, index } = setup()
    await index.ready
    const participant = '3f0c7a52-8d1e-4b6a-9c2d-5e4f3a2b1c0d'
    const a = await addRun(runs, { created_at: '2026-04-01T10:00:00.000Z' })
    const b = await addRun(runs, { session_id: 's-bbbbbb', perspective: 'renaissance', created_at: '2026-04-02T23:30:00.000Z', participant_id: participant })
    const c = await addRun(runs, { safety_level: 'kids', status: 'completed', created_at: '2026-04-03T00:00:00.000Z' })
    await runs.update(a.run_id, (run) => { run.hidden = true })
    expect(ids(index.query({ session_id: 's-bbbbbb' }, all))).toEqual([b.run_id])
    expect(ids(index.query({ perspective: 'bauhaus' }, all))).toEqual([c.run_id, a.run_id])
    expect(ids(index.query({ status: 'completed' }, all))).toEqual([c.run_id])
    expect(ids(index.query({ safety_level: 'kids' }, all))).toEqual([c.run_id])
    expect(ids(index.query({ participant_id: participant }, all))).toEqual([b.run_id])
    expect(ids(index.query({ hidden: true }, all))).toEqual([a.run_id])
    expect(ids(index.query({ hidden: false }, all))).toEqual([c.run_id, b.run_id])
    expect(ids(index.query({ from: '2026-04-02T00:00:00.000Z', to: '2026-04-02T23:59:59.999Z' }, all))).toEqual([b.run_id])
    expect(ids(index.query({ from: '2026-04-02T23:30:00.000Z' }, all))).toEqual([c.run_id, b.run_id])
    expect(ids(index.query({ to: '2026-04-01T10:00:00.000Z' }, all))).toEqual([a.run_id])
    expect(ids(index.query({ session_id: 's-aaaaaa', status: 'queued' }, all))).toEqual([a.run_id])
  })

  it('finds words in the idea and the interception, whatever the case, umlauts included', async () => {
    const { runs, index } = setup()
    await index.ready
    const apples = await addRun(runs, { input_text: 'Drei ÄPFEL auf dem Tisch' })
    const street = await addRun(runs, { input_text: 'Ein Weg', interception_text: 'Eine Straße voller Grün' })
    // The same word typed as base letter + combining mark (NFD) must match the precomposed form.
    expect(ids(index.query({ q: 'äpfel' }, all))).toEqual([apples.run_id])
    expect(ids(index.query({ q: 'a\u0308pfel' }, all))).toEqual([apples.run_id])
    expect(ids(index.query({ q: 'STRASSE' }, all))).toEqual([])
    expect(ids(index.query({ q: 'straße' }, all))).toEqual([street.run_id])
    expect(ids(index.query({ q: 'grün' }, all))).toEqual([street.run_id])
    expect(ids(index.query({ q: '  ein ' }, all))).toEqual([street.run_id])
    expect(index.query({ q: 'e' }, all).total).toBe(2)
  })

  it('answers a repeated filter from its last answer only until the next change', async () => {
    const { runs, index } = setup()
    await index.ready
    const first = await addRun(runs, { input_text: 'Ein Drache' })
    expect(ids(index.query({ q: 'drache' }, all))).toEqual([first.run_id])
    const second = await addRun(runs, { input_text: 'Noch ein Drache' })
    expect(ids(index.query({ q: 'drache' }, all))).toEqual([second.run_id, first.run_id])
    await runs.update(first.run_id, (run) => { run.hidden = true })
    expect(index.counts({ q: 'drache', hidden: false }).total).toBe(1)
  })

  it('counts runs by status and perspective for a filter', async () => {
    const { runs, index } = setup()
    await index.ready
    await addRun(runs, { status: 'completed' })
    await addRun(runs, { status: 'completed', perspective: 'renaissance' })
    await addRun(runs, { status: 'failed', session_id: 's-bbbbbb' })
    expect(index.counts({})).toEqual({ total: 3, by_status: { completed: 2, failed: 1 }, by_perspective: { bauhaus: 2, renaissance: 1 } })
    expect(index.counts({ session_id: 's-aaaaaa' })).toEqual({ total: 2, by_status: { completed: 2 }, by_perspective: { bauhaus: 1, renaissance: 1 } })
  })

  it('follows updates and deletions, and gives summaries by id, older-than lists and ids', async () => {
    const { runs, index } = setup()
    await index.ready
    const old = await addRun(runs, { created_at: '2025-01-01T00:00:00.000Z' })
    const other = await addRun(runs, { created_at: '2025-01-02T00:00:00.000Z', session_id: 's-bbbbbb' })
    const recent = await addRun(runs, { created_at: '2026-06-01T00:00:00.000Z' })
    await runs.update(recent.run_id, (run) => { run.status = 'completed'; run.interception_text = 'Ein Turm' })
    expect(index.get(recent.run_id)).toMatchObject({ status: 'completed', interception_text: 'Ein Turm' })
    expect(index.olderThan('2026-01-01T00:00:00.000Z', null).map(run => run.run_id)).toEqual([old.run_id, other.run_id])
    expect(index.olderThan('2026-01-01T00:00:00.000Z', 's-bbbbbb').map(run => run.run_id)).toEqual([other.run_id])
    expect([...index.ids({ session_id: 's-aaaaaa' })]).toEqual([recent.run_id, old.run_id])
    await runs.delete(old.run_id)
    expect(index.get(old.run_id)).toBeNull()
    expect(index.query({}, all).total).toBe(2)
  })

  it('reloads from its log exactly what it held, without reading run folders', async () => {
    const first = setup()
    await first.index.ready
    for (let i = 0; i < 20; i++) await addRun(first.runs, { input_text: `Idee ${i}` })
    const [gone, changed] = first.index.query({}, { offset: 0, limit: 2 }).rows
    await first.runs.update(changed!.run_id, (run) => { run.hidden = true; run.status = 'completed' })
    await first.runs.delete(gone!.run_id)
    await first.index.flush()
    // With the run folders gone, only the log can answer.
    rmSync(join(first.dataDir, 'runs'), { recursive: true, force: true })
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    const second = setup(first.dataDir)
    await second.index.ready
    expect(info.mock.calls.flat().join('\n')).not.toMatch(/rebuil/)
    info.mockRestore()
    expect(second.index.query({}, all)).toEqual(first.index.query({}, all))
    expect(second.index.get(changed!.run_id)).toMatchObject({ hidden: true, status: 'completed' })
    expect(second.index.get(gone!.run_id)).toBeNull()
  })

  it('ignores a torn last line and repairs the file so later appends stay readable', async () => {
    const first = setup()
    await first.index.ready
    const kept = await addRun(first.runs)
    await first.index.flush()
    appendFileSync(first.file, '{"put":{"run_id":"0f0c7a52-8d1e-4b6a-9c2d-5e4f3a2b1c0d","crea')
    const second = setup(first.dataDir)
    await second.index.ready
    expect(ids(second.index.query({}, all))).toEqual([kept.run_id])
    const added = await addRun(second.runs)
    await second.index.flush()
    const third = setup(first.dataDir)
    await third.index.ready
    expect(ids(third.index.query({}, all))).toEqual([added.run_id, kept.run_id])
  })

  it('rewrites the log compactly once it has grown to twice the live runs', async () => {
    const { runs, index, file, dataDir } = setup(undefined, { compactMinLines: 10 })
    await index.ready
    const run = await addRun(runs)
    for (let i = 0; i < 30; i++) await runs.update(run.run_id, (next) => { next.progress = { value: i, max: 30 } })
    await index.flush()
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
    expect(lines.length).toBeLessThan(12)
    const reloaded = setup(dataDir)
    await reloaded.index.ready
    expect(reloaded.index.get(run.run_id)?.updated_at).toBe(index.get(run.run_id)?.updated_at)
  })

  it('rebuilds once from the run folders when the index file is missing or unreadable', async () => {
    const first = setup()
    await first.index.ready
    const runIds = []
    for (let i = 0; i < 3; i++) runIds.push((await addRun(first.runs)).run_id)
    await first.index.flush()
    rmSync(first.file)
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    const rebuilt = setup(first.dataDir)
    await rebuilt.index.ready
    expect(info.mock.calls.flat().join('\n')).toMatch(/run index rebuilt: 3 runs/)
    expect(ids(rebuilt.index.query({}, all))).toEqual(runIds.reverse())
    expect(existsSync(first.file)).toBe(true)
    writeFileSync(first.file, 'not an index\n')
    info.mockClear()
    const again = setup(first.dataDir)
    await again.index.ready
    expect(info.mock.calls.flat().join('\n')).toMatch(/unreadable.*\n.*rebuilt: 3 runs/)
    info.mockRestore()
    expect(again.index.query({}, all).total).toBe(3)
  })

  it('keeps changes made while it was still loading', async () => {
    const first = setup()
    await first.index.ready
    const run = await addRun(first.runs)
    await first.index.flush()
    const second = setup(first.dataDir)
    await second.runs.update(run.run_id, (next) => { next.status = 'completed' })
    const fresh = await addRun(second.runs)
    await second.index.ready
    expect(second.index.get(run.run_id)?.status).toBe('completed')
    expect(second.index.get(fresh.run_id)).not.toBeNull()
    await second.index.flush()
    const third = setup(first.dataDir)
    await third.index.ready
    expect(third.index.get(run.run_id)?.status).toBe('completed')
    expect(third.index.query({}, all).total).toBe(2)
  })
})
