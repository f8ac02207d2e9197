import { opendir } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SessionCreate } from '#shared/schemas/session'
import type { RunStatus } from '#shared/run-status'
import { AuditLog } from '../../../../../server/utils/audit/audit-log'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
import { RetentionJob } from '../../../../../server/utils/retention/retention-job'
import { RetentionSettingsStore } from '../../../../../server/utils/retention/retention-settings'
import type { RetentionCandidate } from '../../../../../server/utils/retention/run-candidates'
import type { RunStore } from '../../../../../server/utils/storage/run-store'
import { isRunId } from '../../../../../server/utils/storage/run-keys'
import { SessionStore } from '../../../../../server/utils/sessions/session-store'
import { ParticipantRuns } from '../../../../../server/utils/storage/participant-runs'
import { tempRunStore } from '../../../../support/run-store'

const DAY = 24 * 60 * 60 * 1000
const now = new Date('2026-06-30T12:00:00.000Z')
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString()

function setup() {
  const { runs, storage, dataDir } = tempRunStore()
  const participants = new ParticipantRuns(storage)
  const sessions = new SessionStore(storage)
  const audit = new AuditLog(storage)
  const settings = new RetentionSettingsStore(storage)
  const job = new RetentionJob({ runs, participants, sessions, audit, settings, candidates: before => listRunsForRetention(runs, join(dataDir, 'runs'), before) })
  const participantId = randomUUID()
  const addRun = async (sessionId: string, createdAt: string, status: RunStatus = 'completed') => {
    const run = { ...newRun({ session_id: sessionId, participant_id: participantId, perspective: 'bauhaus', input_text: 'Ein Haus', context: null, language: 'de', safety_level: 'kids', output: null }), created_at: createdAt, status }
    await runs.create(run)
    await participants.add(participantId, run.run_id)
    return run.run_id
  }
  const folderExists = (runId: string) => existsSync(join(dataDir, 'runs', runId))
  return { job, runs, participants, sessions, audit, settings, addRun, folderExists, participantId }
}

describe('RetentionJob', () => {
  it('keeps every run while no policy is set', async () => {
    const { job, addRun, folderExists } = setup()
    const id = await addRun('studio', daysAgo(5000))
    expect(await job.preview(now)).toEqual({ cutoffs: [], runs: [], total: 0 })
    expect(await job.apply(now)).toEqual({ deleted: 0 })
    expect(folderExists(id)).toBe(true)
  })

  it('previews without deleting, then apply removes the folders, the participant list entries and writes audit entries', async () => {
    const { job, addRun, folderExists, sessions, audit, participants, participantId, settings } = setup()
    const keep = await sessions.create(SessionCreate.parse({ name: 'Kept for ever', retention: 'forever' }), 'admin')
    const week = await sessions.create(SessionCreate.parse({ name: 'One week', retention: 7 }), 'admin')
    await job.setGlobalDays(30, 'admin')
    const oldGlobal = await addRun('studio', daysAgo(31))
    const youngGlobal = await addRun('studio', daysAgo(10))
    const oldWeek = await addRun(week.id, daysAgo(8))
    const oldKept = await addRun(keep.id, daysAgo(400))
    const running = await addRun('studio', daysAgo(31), 'running')

    const preview = await job.preview(now)
    expect(preview.runs.map(run => run.run_id)).toEqual([oldGlobal, oldWeek])
    expect(preview.total).toBe(2)
    expect(preview.cutoffs).toEqual([
      { session_id: null, session_name: null, days: 30, cutoff: daysAgo(30) },
      { session_id: week.id, session_name: 'One week', days: 7, cutoff: daysAgo(7) },
    ])
    for (const id of [oldGlobal, youngGlobal, oldWeek, oldKept, running]) expect(folderExists(id)).toBe(true)

    expect(await job.apply(now)).toEqual({ deleted: 2 })
    expect([oldGlobal, youngGlobal, oldWeek, oldKept, running].map(folderExists)).toEqual([false, true, false, true, true])
    expect(await participants.list(participantId)).toEqual([youngGlobal, oldKept, running])
    const entries = (await audit.list({ limit: 10 })).filter(entry => entry.action === 'retention.delete')
    expect(entries.map(entry => entry.run_id).sort()).toEqual([oldGlobal, oldWeek].sort())
    expect(entries.find(entry => entry.run_id === oldWeek)).toMatchObject({ actor: 'retention', session_id: week.id, detail: { days: 7, created_at: daysAgo(8) } })
    expect((await settings.get()).last_applied).toEqual({ at: now.toISOString(), deleted: 2 })
  })

  it('records the old and new global days when a leader changes them', async () => {
    const { job, audit } = setup()
    await job.setGlobalDays(30, 'admin')
    expect(await job.setGlobalDays(null, 'mira')).toEqual({ global_days: null, last_applied: null })
    const entries = await audit.list({ limit: 10 })
    expect(entries.find(entry => entry.actor === 'mira')).toMatchObject({ actor: 'mira', action: 'retention.update', detail: { old_global_days: 30, new_global_days: null } })
  })

  it('runs one apply at a time: a second call while one is in progress shares its result', async () => {
    const { job, addRun, audit } = setup()
    await job.setGlobalDays(1, 'admin')
    for (let i = 0; i < 5; i++) await addRun('studio', daysAgo(2))
    const [first, second] = await Promise.all([job.apply(now), job.apply(now)])
    expect(first).toEqual({ deleted: 5 })
    expect(second).toBe(first)
    expect((await audit.list({ limit: 20 })).filter(entry => entry.action === 'retention.delete')).toHaveLength(5)
    expect(await job.apply(now)).toEqual({ deleted: 0 })
  })

  it('skips a run that started again between plan and delete', async () => {
    const { job, addRun, runs, folderExists, settings } = setup()
    await settings.update(current => ({ ...current, global_days: 1 }))
    const id = await addRun('studio', daysAgo(2))
    await runs.update(id, (run) => { run.status = 'queued' })
    expect(await job.apply(now)).toEqual({ deleted: 0 })
    expect(folderExists(id)).toBe(true)
  })
})

/** The candidates the server takes from its run index, here read straight from the run folders. */
async function* listRunsForRetention(runs: RunStore, runsDir: string, before: string): AsyncIterable<RetentionCandidate> {
  const limit = Date.parse(before)
  let dir
  try {
    dir = await opendir(runsDir)
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  for await (const entry of dir) {
    if (!entry.isDirectory() || !isRunId(entry.name)) continue
    // A half-written or hand-edited folder must not stop the job for every other run.
    const run = await runs.get(entry.name).catch(() => null)
    if (!run || !(Date.parse(run.created_at) < limit)) continue
    yield { run_id: run.run_id, session_id: run.session_id, created_at: run.created_at, status: run.status }
  }
}

describe('RetentionJob and uploads', () => {
  it('removes expired uploads in the same sweep, telling it which runs still exist', async () => {
    const { runs, participants, sessions, audit, settings, addRun } = setup()
    const kept = await addRun('studio', daysAgo(1))
    const asked: { now: Date, exists: boolean[] }[] = []
    const uploads = {
      removeExpired: async (runExists: (runId: string) => Promise<boolean>, at = new Date()) => {
        asked.push({ now: at, exists: [await runExists(kept), await runExists(randomUUID())] })
        return 2
      },
    }
    const job = new RetentionJob({ runs, participants, sessions, audit, settings, uploads, candidates: async function* () {} })
    await job.apply(now)
    expect(asked).toEqual([{ now, exists: [true, false] }])
  })
})
