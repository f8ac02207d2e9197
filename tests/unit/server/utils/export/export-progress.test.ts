import { describe, expect, it } from 'vitest'
import { MemoryExpiringStore } from '../../../../../server/utils/cluster/expiring-store'
import { ExportProgressTracker } from '../../../../../server/utils/export/export-progress'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

// Two trackers on one store stand for two instances sharing Redis: A streams, B answers the polls.
describe('ExportProgressTracker', () => {
  it('shows the instance that does not stream the export how far it is, then that it is done', async () => {
    const store = new MemoryExpiringStore()
    const [a, b] = [new ExportProgressTracker(store), new ExportProgressTracker(store)]
    const progress = await a.start('export-1', 3)
    expect(await b.get('export-1')).toMatchObject({ status: 'running', runs_total: 3, runs_done: 0 })
    expect(await b.isRunning('export-1')).toBe(true)
    progress.runs_done = 2
    progress.bytes = 1234
    await sleep(700)
    expect(await b.get('export-1')).toMatchObject({ status: 'running', runs_done: 2, bytes: 1234 })
    await a.finish(progress)
    expect(await b.get('export-1')).toMatchObject({ status: 'done', runs_done: 2, error: null })
    expect(await b.isRunning('export-1')).toBe(false)
  })

  it('keeps a failed export with its reason, and knows nothing of an id never started', async () => {
    const tracker = new ExportProgressTracker(new MemoryExpiringStore())
    await tracker.finish(await tracker.start('export-2', 1), 'The download was cancelled before it finished')
    expect(await tracker.get('export-2')).toMatchObject({ status: 'failed', error: 'The download was cancelled before it finished' })
    expect(await tracker.get('never')).toBeNull()
  })

  it('lets a running export vanish when its instance stops copying it (the instance died)', async () => {
    let now = 0
    const store = new MemoryExpiringStore(100, () => now)
    const [a, b] = [new ExportProgressTracker(store), new ExportProgressTracker(store)]
    const progress = await a.start('export-3', 1)
    // A dies: nothing copies its progress any more, and after the running lifetime B says "no such export".
    now = 11_000
    expect(await b.get('export-3')).toBeNull()
    await a.finish(progress)
  })
})
