import { readdirSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { InstanceRecord } from '../../server/utils/cluster/coordinator'
import { api, healthDetails, waitForRun } from '../support/api'
import { createRun, readRunMetadata } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'
import { HELD_OUTPUT, type HeldImages, startHeldImages } from '../support/held-images'

const ENDED = ['completed', 'blocked', 'failed', 'cancelled']

const registry = (dataDir: string): InstanceRecord[] =>
  readdirSync(join(dataDir, 'instances')).filter(name => name.endsWith('.json'))
    .map(name => JSON.parse(readFileSync(join(dataDir, 'instances', name), 'utf8')) as InstanceRecord)

const servers: TestServer[] = []
let images: HeldImages
afterEach(async () => {
  await Promise.all(servers.splice(0).map(server => server.stop()))
  await images?.close()
})

describe('two instances on one data dir, without Redis', () => {
  it('list each other in the registry, and the second leaves a run the first is working on to it', async () => {
    images = await startHeldImages()
    const dataDir = makeTempDir()
    const env = { ...images.env, NUXT_HEARTBEAT_SECONDS: '1' }
    const a = await startServer({ dataDir, env })
    servers.push(a)
    const runId = await createRun(a, { perspective: 'bauhaus', input_text: 'Ein großes Schloss am Meer', output: HELD_OUTPUT })
    await expect.poll(() => images.held, { timeout: 20_000 }).toBe(1)

    const b = await startServer({ dataDir, env })
    servers.push(b)
    const [idA, idB] = await Promise.all([a, b].map(async server => (await healthDetails(server)).instance.id as string))
    await expect.poll(() => registry(dataDir).length, { timeout: 10_000, interval: 100 }).toBe(2)
    const records = registry(dataDir)
    expect(records.map(record => record.id).sort()).toEqual([idA, idB].sort())
    const real = realpathSync(dataDir)
    for (const record of records) {
      expect(record).toMatchObject({ queue: { driver: 'memory', location: `memory:${real}` }, storage: { driver: 'fs', data_dir: real } })
      expect([a.port, b.port]).toContain(record.port)
    }
    expect(new Set(records.map(record => record.storage.id)).size).toBe(1)
    // B has recovered by then: the run stayed with A instead of being queued a second time.
    await expect.poll(() => b.output(), { timeout: 10_000, interval: 100 }).toContain('belong to other live instances')
    expect(b.output()).not.toContain('re-queued')
    expect(readRunMetadata(dataDir, runId)).toMatchObject({ status: 'running', instance_id: idA })

    images.release()
    expect((await waitForRun(b, runId, run => ENDED.includes(run.status), 60_000)).status).toBe('completed')
    const done = readRunMetadata(dataDir, runId)
    expect(done).toMatchObject({ attempts: 1, instance_id: idA })
    expect(done.outputs).toHaveLength(1)
    expect(done.stages.every(stage => stage.status === 'done')).toBe(true)

    await b.stop()
    expect(registry(dataDir).map(record => record.id)).toEqual([idA])
    await a.stop()
    expect(registry(dataDir)).toEqual([])
  })

  it('the live instance adopts and finishes the run of one killed mid-run, within the stall timeout', async () => {
    images = await startHeldImages()
    const dataDir = makeTempDir()
    const env = { ...images.env, NUXT_HEARTBEAT_SECONDS: '1', NUXT_STALL_TIMEOUT_SECONDS: '2' }
    const [a, b] = [await startServer({ dataDir, env }), await startServer({ dataDir, env })]
    servers.push(b)
    const idB = (await healthDetails(b)).instance.id as string
    const runId = await createRun(a, { perspective: 'bauhaus', input_text: 'Ein großes Schloss am Meer', output: HELD_OUTPUT })
    await expect.poll(() => images.held, { timeout: 20_000 }).toBe(1)
    expect(readRunMetadata(dataDir, runId).status).toBe('running')
    await a.kill()
    const killedAt = Date.now()
    images.release()

    expect((await waitForRun(b, runId, run => ENDED.includes(run.status), 60_000)).status).toBe('completed')
    expect(b.output()).toContain('adopted from instances that are gone: 1 re-queued')
    const done = readRunMetadata(dataDir, runId)
    expect(done).toMatchObject({ attempts: 2, instance_id: idB })
    expect(done.outputs).toHaveLength(1)
    // Adopted at the next sweep (every 2 s), then the picture is made again.
    expect(Date.parse(done.updated_at) - killedAt).toBeLessThan(30_000)
  })
})
