import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createStorage } from 'unstorage'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunMetadata } from '#shared/schemas/run'
import { AuditLog } from '../../../../../server/utils/audit/audit-log'
import { LocalCoordinator } from '../../../../../server/utils/cluster/local-coordinator'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
import { RunService, type RunServiceDeps } from '../../../../../server/utils/pipeline/run-service'
import type { RunJob } from '../../../../../server/utils/queue/run-queue'
import { RetentionJob } from '../../../../../server/utils/retention/retention-job'
import { RetentionSettingsStore } from '../../../../../server/utils/retention/retention-settings'
import { SessionStore } from '../../../../../server/utils/sessions/session-store'
import { FsBlobStore } from '../../../../../server/utils/storage/fs-blob-store'
import { mountDocuments } from '../../../../../server/utils/storage/mount-documents'
import { ParticipantRuns } from '../../../../../server/utils/storage/participant-runs'
import { RunStore } from '../../../../../server/utils/storage/run-store'
import { makeTempDir } from '../../../../support/server'

const coordinators: LocalCoordinator[] = []
afterEach(async () => { await Promise.all(coordinators.splice(0).map(coordinator => coordinator.close())) })

/** What one server process has on a shared data dir: its own storage, mutex and coordinator. */
function instanceOn(dataDir: string) {
  const storage = createStorage()
  mountDocuments(storage, dataDir)
  const coordinator = new LocalCoordinator(dataDir, 100)
  coordinators.push(coordinator)
  const runs = new RunStore(storage, new FsBlobStore(join(dataDir, 'runs')), (key, work) => coordinator.withLock(key, work))
  return { storage, coordinator, runs }
}

const aRun = (fields: Partial<RunMetadata> = {}): RunMetadata => ({
  ...newRun({ session_id: 'studio', participant_id: null, perspective: 'bauhaus', input_text: 'Ein Haus', context: null, language: 'de', safety_level: 'kids', output: null }),
  ...fields,
})

describe('instances sharing one data dir', () => {
  it('lose no run update when two instances write the same run at once', async () => {
    const dataDir = makeTempDir()
    const [a, b] = [instanceOn(dataDir), instanceOn(dataDir)]
    const run = aRun()
    await a.runs.create(run)
    const bump = (latest: RunMetadata) => { latest.prompt_history.push({ at: new Date().toISOString(), source: 'student', text: 'x' }) }
    await Promise.all(Array.from({ length: 30 }, (_, n) => (n % 2 ? a : b).runs.update(run.run_id, bump)))
    expect((await b.runs.get(run.run_id))!.prompt_history).toHaveLength(30)
  })

  it('apply retention on one instance at a time; the other deletes nothing meanwhile', async () => {
    const dataDir = makeTempDir()
    const [a, b] = [instanceOn(dataDir), instanceOn(dataDir)]
    const run = aRun({ created_at: new Date(Date.now() - 400 * 24 * 3600 * 1000).toISOString(), status: 'completed' })
    await b.runs.create(run)
    const settings = new RetentionSettingsStore(b.storage)
    await settings.update(current => ({ ...current, global_days: 30 }))
    const job = new RetentionJob({
      runs: b.runs, participants: new ParticipantRuns(b.storage), sessions: new SessionStore(b.storage), audit: new AuditLog(b.storage), settings,
      candidates: async function* () { yield { run_id: run.run_id, session_id: run.session_id, created_at: run.created_at, status: run.status } },
      tryLock: (key, ttlMs, work) => b.coordinator.tryLock(key, ttlMs, work),
    })
    let release!: () => void
    let entered!: () => void
    const inside = new Promise<void>((resolve) => { entered = resolve })
    const held = a.coordinator.tryLock('retention', 5000, () => new Promise<void>((resolve) => {
      release = resolve
      entered()
    }))
    await inside
    expect(await job.apply()).toEqual({ deleted: 0 })
    expect(existsSync(join(dataDir, 'runs', run.run_id))).toBe(true)
    release()
    await held
    expect(await job.apply()).toEqual({ deleted: 1 })
  })

  it('recover at start-up only the runs no other live instance has in hand', async () => {
    const dataDir = makeTempDir()
    const [a, b] = [instanceOn(dataDir), instanceOn(dataDir)]
    const [idA, idB] = [randomUUID(), randomUUID()]
    const record = (id: string) => ({
      id, pid: process.pid, hostname: 'this-host', port: null, version: '0', commit: null, started_at: new Date().toISOString(), last_seen: new Date().toISOString(),
      public_url: null, storage: { driver: 'fs', location: dataDir, data_dir: dataDir, id: 's' }, queue: { driver: 'memory' as const, location: `memory:${dataDir}` },
    })
    await a.coordinator.start(record(idA))
    await b.coordinator.start(record(idB))
    const ofA = aRun({ status: 'running', attempts: 1, instance_id: idA })
    const ofGone = aRun({ status: 'running', attempts: 1, instance_id: randomUUID() })
    const queuedByA = aRun({ status: 'queued', instance_id: idA })
    const unowned = aRun({ status: 'queued' })
    for (const run of [ofA, ofGone, queuedByA, unowned]) await a.runs.create(run)
    const enqueued: RunJob[] = []
    const service = new RunService({
      runs: b.runs, instanceId: idB, maxRunAttempts: 2, queue: { enqueue: async (job: RunJob) => { enqueued.push(job) } },
      isInstanceAlive: (id: string) => b.coordinator.isAlive(id),
    } as unknown as RunServiceDeps)
    expect(await service.recoverActiveRuns()).toEqual({ requeued: 2, failed: 0, elsewhere: 2 })
    expect(enqueued.map(job => job.runId).sort()).toEqual([ofGone.run_id, unowned.run_id].sort())
  })

  it('adopt each run of a dead instance exactly once when two live instances sweep at the same moment', async () => {
    const dataDir = makeTempDir()
    const [b, c] = [instanceOn(dataDir), instanceOn(dataDir)]
    const dead = randomUUID()
    const orphans = Array.from({ length: 6 }, () => aRun({ status: 'running', attempts: 1, instance_id: dead }))
    for (const run of orphans) await b.runs.create(run)
    const enqueued: { by: string, job: RunJob }[] = []
    const service = (instance: typeof b, instanceId: string) => new RunService({
      runs: instance.runs, instanceId, maxRunAttempts: 3,
      queue: { enqueue: async (job: RunJob) => { enqueued.push({ by: instanceId, job }) } },
      isInstanceAlive: async (id: string) => id !== dead,
      withLock: (key: string, work: () => Promise<unknown>) => instance.coordinator.withLock(key, work),
    } as unknown as RunServiceDeps)
    const results = await Promise.all([service(b, 'b').recoverActiveRuns(), service(c, 'c').recoverActiveRuns()])
    expect(results.reduce((sum, result) => sum + result.requeued, 0)).toBe(6)
    expect(enqueued.map(({ job }) => job.runId).sort()).toEqual(orphans.map(run => run.run_id).sort())
    for (const { by, job } of enqueued) expect((await c.runs.get(job.runId))!.instance_id).toBe(by)
    // The next sweep finds them owned by live instances.
    expect(await service(b, 'b').recoverActiveRuns()).toEqual({ requeued: 0, failed: 0, elsewhere: enqueued.filter(({ by }) => by === 'c').length })
  })
})
