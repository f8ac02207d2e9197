import { describe, expect, it } from 'vitest'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
import { failLostRuns } from '../../../../../server/utils/pipeline/run-watchdog'
import { failWritesOf, tempRunStore } from '../../../../support/run-store'

const TIMEOUT_MS = 10_000
const fields = { session_id: 'studio', participant_id: null, perspective: 'bauhaus', input_text: 'Ein Haus', context: null, language: 'de', safety_level: 'youth', output: 'image' } as const

async function setup(status: 'queued' | 'running', instanceId = 'me') {
  const { runs, storage } = tempRunStore()
  const run = { ...newRun(fields), status, instance_id: instanceId }
  await runs.create(run)
  const inFlight = new Set<string>()
  const waiting = new Set<string>()
  const deps = { runs, inFlight, instanceId: 'me', runTimeoutMs: TIMEOUT_MS, queue: { position: async (id: string) => (waiting.has(id) ? 1 : null) } }
  // Long past the time limit plus the margin.
  const later = Date.parse(run.updated_at) + 3 * TIMEOUT_MS
  return { runs, storage, run, inFlight, waiting, deps, later }
}

describe('the run watchdog', () => {
  it('fails a run that is running on paper but that no job works on, once past its time limit', async () => {
    const { runs, run, deps, later } = await setup('running')
    expect(await failLostRuns(deps, Date.parse(run.updated_at) + 1000)).toBe(0)
    expect(await failLostRuns(deps, later)).toBe(1)
    expect(await runs.get(run.run_id)).toMatchObject({ status: 'failed', error: { code: 'timeout', retryable: true } })
    expect(await runs.activeRunIds()).toEqual([])
  })

  it('leaves runs alone that a job works on, that wait in the queue, or that belong to another instance', async () => {
    for (const [status, prepare] of [['running', 'inFlight'], ['queued', 'waiting'], ['running', 'elsewhere']] as const) {
      const { runs, run, inFlight, waiting, deps, later } = await setup(status, prepare === 'elsewhere' ? 'other' : 'me')
      if (prepare === 'inFlight') inFlight.add(run.run_id)
      if (prepare === 'waiting') waiting.add(run.run_id)
      expect(await failLostRuns(deps, later)).toBe(0)
      expect((await runs.get(run.run_id))!.status).toBe(status)
    }
  })

  it('tries again at the next sweep when the failure cannot be written yet (a full disk)', async () => {
    const { runs, storage, run, deps, later } = await setup('queued')
    let diskFull = true
    failWritesOf(storage, () => diskFull)
    expect(await failLostRuns(deps, later)).toBe(0)
    expect((await runs.get(run.run_id))!.status).toBe('queued')
    diskFull = false
    expect(await failLostRuns(deps, later)).toBe(1)
    expect((await runs.get(run.run_id))!.status).toBe('failed')
  })
})
