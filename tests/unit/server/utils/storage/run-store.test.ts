import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RunMetadata } from '#shared/schemas/run'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
import { failWritesOf, tempRunStore } from '../../../../support/run-store'

const fields = { session_id: 'studio', participant_id: null, perspective: 'bauhaus', input_text: 'Ein Haus am Meer', context: null, language: 'de', safety_level: 'youth', output: null } as const

describe('RunStore', () => {
  it('keeps each run in its own folder with metadata.json and input.txt', async () => {
    const { runs, dataDir } = tempRunStore()
    const run = newRun(fields)
    await runs.create(run)
    const folder = join(dataDir, 'runs', run.run_id)
    expect(RunMetadata.parse(JSON.parse(readFileSync(join(folder, 'metadata.json'), 'utf8')))).toEqual(run)
    expect(readFileSync(join(folder, 'input.txt'), 'utf8')).toBe('Ein Haus am Meer')
    expect(await runs.get(run.run_id)).toEqual(run)
  })

  it('reads a run stored before pictures came in as a run without pictures', async () => {
    const { runs, dataDir } = tempRunStore()
    const run = newRun(fields)
    await runs.create(run)
    const file = join(dataDir, 'runs', run.run_id, 'metadata.json')
    const { input_images: _none, ...older } = JSON.parse(readFileSync(file, 'utf8'))
    writeFileSync(file, JSON.stringify(older))
    expect((await runs.get(run.run_id))!.input_images).toEqual([])
  })

  it('writes interception.txt whenever the interception changes', async () => {
    const { runs, dataDir } = tempRunStore()
    const run = newRun(fields)
    await runs.create(run)
    await runs.update(run.run_id, (latest) => { latest.interception_text = 'Ein Quadrat am Meer' })
    expect(readFileSync(join(dataDir, 'runs', run.run_id, 'interception.txt'), 'utf8')).toBe('Ein Quadrat am Meer')
  })

  it('keeps every prompt edit, timestamped, in prompt-history.json beside the metadata', async () => {
    const { runs, dataDir } = tempRunStore()
    const run = newRun(fields)
    await runs.create(run)
    await runs.update(run.run_id, (latest) => { latest.prompt_history.push({ at: '2026-11-23T10:00:00.000Z', source: 'interception', text: 'A' }) })
    await runs.update(run.run_id, (latest) => { latest.prompt_history.push({ at: '2026-11-23T10:01:00.000Z', source: 'student', text: 'B' }) })
    const history = JSON.parse(readFileSync(join(dataDir, 'runs', run.run_id, 'prompt-history.json'), 'utf8'))
    expect(history).toEqual([
      { at: '2026-11-23T10:00:00.000Z', source: 'interception', text: 'A' },
      { at: '2026-11-23T10:01:00.000Z', source: 'student', text: 'B' },
    ])
  })

  it('loses no update when many happen at once', async () => {
    const { runs } = tempRunStore()
    const run = newRun(fields)
    await runs.create(run)
    await Promise.all(Array.from({ length: 50 }, (_, index) => runs.update(run.run_id, (latest) => {
      latest.prompt_history.push({ at: new Date().toISOString(), source: 'student', text: `edit ${index}` })
    })))
    const stored = await runs.get(run.run_id)
    expect(stored!.prompt_history.map(edit => edit.text).sort()).toEqual(Array.from({ length: 50 }, (_, index) => `edit ${index}`).sort())
  })

  it('refuses metadata that breaks the schema and keeps the stored version', async () => {
    const { runs } = tempRunStore()
    const run = newRun(fields)
    await runs.create(run)
    await expect(runs.update(run.run_id, (latest) => { (latest as { status: string }).status = 'exploded' })).rejects.toThrow()
    expect((await runs.get(run.run_id))!.status).toBe('queued')
  })

  it('lists unfinished runs until they end', async () => {
    const { runs, dataDir } = tempRunStore()
    const open = newRun(fields)
    const done = newRun(fields)
    await runs.create(open)
    await runs.create(done)
    await runs.update(done.run_id, (latest) => { latest.status = 'completed' })
    expect(await runs.activeRunIds()).toEqual([open.run_id])
    expect(existsSync(join(dataDir, 'active-runs', done.run_id))).toBe(false)
  })

  it('answers null for ids that are not ours', async () => {
    const { runs } = tempRunStore()
    for (const id of ['..', '../storage-id', '%2e%2e', 'x']) expect(await runs.get(id)).toBeNull()
  })
})

describe('RunStore on a full disk', () => {
  it('leaves no half run behind when the metadata cannot be written', async () => {
    const { runs, dataDir, storage } = tempRunStore()
    failWritesOf(storage, key => key.endsWith('metadata.json'))
    const run = newRun(fields)
    await expect(runs.create(run)).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(existsSync(join(dataDir, 'runs', run.run_id, 'input.txt'))).toBe(false)
    expect(await runs.activeRunIds()).toEqual([])
  })

  it('leaves none of the student\'s pictures behind when the run cannot be written', async () => {
    const { runs, dataDir, storage } = tempRunStore()
    failWritesOf(storage, key => key.endsWith('metadata.json'))
    const run = newRun(fields)
    const picture = { file: 'input-image-1.jpg', data: Buffer.from('a picture'), mime: 'image/jpeg' }
    await expect(runs.create(run, [picture])).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(existsSync(join(dataDir, 'runs', run.run_id, 'input-image-1.jpg'))).toBe(false)
    expect(await runs.listFiles(run.run_id)).toEqual([])
  })

  it('forgets active-runs entries of runs that ended or were never written, and keeps those of active runs', async () => {
    const { runs, storage } = tempRunStore()
    const active = newRun(fields)
    await runs.create(active)
    const ended = newRun(fields)
    await runs.create(ended)
    await runs.update(ended.run_id, (latest) => { latest.status = 'cancelled' })
    await storage.setItem(`active-runs:${ended.run_id}`, 'queued')
    const missing = newRun(fields).run_id
    await storage.setItem(`active-runs:${missing}`, 'queued')
    expect(await Promise.all([active.run_id, ended.run_id, missing].map(id => runs.forgetIfNotActive(id)))).toEqual([false, true, true])
    expect(await runs.activeRunIds()).toEqual([active.run_id])
  })
})
