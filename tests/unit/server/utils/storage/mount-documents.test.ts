import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Redis from 'ioredis'
import { createStorage } from 'unstorage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newRun, type NewRunFields } from '../../../../../server/utils/pipeline/new-run'
import { FsBlobStore } from '../../../../../server/utils/storage/fs-blob-store'
import { documentsLocation, mountDocuments } from '../../../../../server/utils/storage/mount-documents'
import { ParticipantRuns } from '../../../../../server/utils/storage/participant-runs'
import { RunStore } from '../../../../../server/utils/storage/run-store'
import { startRedis, type TestRedis } from '../../../../support/redis'
import { makeTempDir } from '../../../../support/server'

const fields: NewRunFields = { session_id: 's-aaaaaa', participant_id: null, perspective: 'bauhaus', input_text: 'Ein Haus: am Meer', context: null, language: 'de', safety_level: 'youth', output: null }
const participant = '3f0c7a52-8d1e-4b6a-9c2d-5e4f3a2b1c0d'

let redis: TestRedis
let client: Redis
beforeAll(async () => {
  redis = await startRedis()
  client = new Redis(redis.url)
})
afterAll(async () => {
  client?.disconnect()
  await redis?.stop()
})

describe('mountDocuments', () => {
  it('keeps documents as files in the data dir without a Redis URL', async () => {
    const dataDir = makeTempDir()
    const storage = createStorage()
    mountDocuments(storage, dataDir, { redisUrl: '', redisPrefix: 'unused' })
    await storage.setItem('sessions:s-aaaaaa.json', '{"a":1}')
    expect(existsSync(join(dataDir, 'sessions', 's-aaaaaa.json'))).toBe(true)
    expect(documentsLocation(dataDir, { redisUrl: '', redisPrefix: 'unused' })).toBe(dataDir)
  })

  it('stores runs, active runs and participants in Redis under the prefix, RunStore unchanged', async () => {
    const dataDir = makeTempDir()
    const storage = createStorage()
    mountDocuments(storage, dataDir, { redisUrl: redis.url, redisPrefix: 'test1' })
    const runs = new RunStore(storage, new FsBlobStore(join(dataDir, 'runs')))
    const run = newRun(fields)
    await runs.create(run)
    expect(await runs.activeRunIds()).toEqual([run.run_id])
    expect(await runs.get(run.run_id)).toMatchObject({ run_id: run.run_id, input_text: 'Ein Haus: am Meer' })
    await runs.update(run.run_id, (next) => { next.status = 'completed'; next.interception_text = 'Ein Turm: aus Glas' })
    expect(await runs.activeRunIds()).toEqual([])
    expect((await runs.get(run.run_id))?.status).toBe('completed')
    expect(await runs.listFiles(run.run_id)).toEqual(['input.txt', 'interception.txt', 'metadata.json'])
    expect(await client.get(`test1:runs:${run.run_id}:interception.txt`)).toBe('Ein Turm: aus Glas')
    expect(JSON.parse((await client.get(`test1:runs:${run.run_id}:metadata.json`))!).status).toBe('completed')
    expect(existsSync(join(dataDir, 'runs', run.run_id, 'metadata.json'))).toBe(false)

    const participants = new ParticipantRuns(storage)
    await participants.add(participant, run.run_id)
    expect(await participants.list(participant)).toEqual([run.run_id])
    expect(await storage.getKeys('participants:')).toEqual([`participants:${participant}:runs.json`])

    await runs.delete(run.run_id)
    expect(await runs.get(run.run_id)).toBeNull()
    expect(await client.keys(`test1:runs:${run.run_id}:*`)).toEqual([])
    await storage.dispose()
  })

  it('names the Redis location without its password', () => {
    expect(documentsLocation('/data', { redisUrl: 'redis://user:secret@host:6379/2', redisPrefix: 'p' })).toBe('redis://host:6379/2 (p:*)')
  })
})
