import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { RunMetadata } from '#shared/schemas/run'
import { api, waitForRun } from '../support/api'
import { createRun, readRunFile, readRunMetadata, runDir, runIdsOnDisk, sha256 } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'
import { HELD_OUTPUT, type HeldImages, startHeldImages } from '../support/held-images'

const ENDED = ['completed', 'blocked', 'failed', 'cancelled']

let images: HeldImages
afterEach(() => images?.close())

/** Starts one held run and `more` quick ones behind it, then kills the server while the held one's picture is being generated. */
async function killDuringSlowRun(server: TestServer, more: number) {
  const slow = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein großes Schloss', output: HELD_OUTPUT })
  const quick: string[] = []
  for (let n = 0; n < more; n++) quick.push(await createRun(server, { perspective: 'bauhaus', input_text: `Ein kleines Haus Nummer ${n}`, output: 'image_builtin' }))
  await expect.poll(() => images.held, { timeout: 20_000 }).toBe(1)
  await server.kill()
  return { slow, quick }
}

/** Every metadata.json in the data dir parses and fits the schema. */
function expectAllMetadataValid(dataDir: string) {
  for (const runId of runIdsOnDisk(dataDir)) {
    const text = readFileSync(join(runDir(dataDir, runId), 'metadata.json'), 'utf8')
    expect(() => RunMetadata.parse(JSON.parse(text)), runId).not.toThrow()
  }
}

/** What the media route lists for a run never includes a temp file a killed writer left. */
async function expectNoTempFilesListed(server: TestServer, runId: string) {
  const response = await api(server, `/api/media/run/${runId}`)
  expect(response.status).toBe(200)
  const files = response.body.files as string[]
  expect(files.filter(name => name.endsWith('.tmp') || name.startsWith('.'))).toEqual([])
  return files
}

describe('a server killed in the middle of runs', () => {
  it('re-queues every unfinished run after a restart on the same data dir, and all complete intact', async () => {
    images = await startHeldImages()
    const dataDir = makeTempDir()
    const first = await startServer({ dataDir, env: { ...images.env, NUXT_QUEUE_CONCURRENCY: '1' } })
    const { slow, quick } = await killDuringSlowRun(first, 9)

    const atKill = readRunMetadata(dataDir, slow)
    expect(atKill).toMatchObject({ status: 'running', stage: 'generation', attempts: 1 })
    expect(quick.map(runId => readRunMetadata(dataDir, runId).status)).toEqual(quick.map(() => 'queued'))
    expectAllMetadataValid(dataDir)
    // What a writer killed half-way through a file leaves behind.
    writeFileSync(join(runDir(dataDir, slow), '.output-image.png.999.abcdef.tmp'), Buffer.alloc(1000, 1))

    images.release()
    const second = await startServer({ dataDir, env: { ...images.env, NUXT_QUEUE_CONCURRENCY: '2' } })
    try {
      for (const runId of [slow, ...quick]) {
        expect((await waitForRun(second, runId, run => ENDED.includes(run.status), 30_000)).status, runId).toBe('completed')
      }
      expectAllMetadataValid(dataDir)
      for (const runId of [slow, ...quick]) {
        const run = readRunMetadata(dataDir, runId)
        expect(run.outputs).toHaveLength(1)
        expect(sha256(readRunFile(dataDir, runId, run.outputs[0]!.filename))).toBe(run.outputs[0]!.sha256)
        expect(run.stages.every(stage => stage.status === 'done'), runId).toBe(true)
        const files = await expectNoTempFilesListed(second, runId)
        expect(files).toEqual(expect.arrayContaining(['metadata.json', run.outputs[0]!.filename, run.outputs[0]!.thumbnail!]))
      }
      expect(readRunMetadata(dataDir, slow).attempts).toBe(2)
      expect((await api(second, `/api/runs/${slow}/media/.output-image.png.999.abcdef.tmp`)).status).toBe(404)
      // A run is unlisted only after its metadata says final (run-store.ts: a crash between the two
      // writes leaves an extra entry, never a forgotten run), so the last one may still be listed.
      await expect.poll(() => readdirSync(join(dataDir, 'active-runs'))).toEqual([])
    }
    finally {
      await second.stop()
    }
  })

  it('fails a run that used up its attempts with an interrupted error and a message for the child', async () => {
    images = await startHeldImages()
    const dataDir = makeTempDir()
    const env = { ...images.env, NUXT_QUEUE_CONCURRENCY: '1', NUXT_MAX_RUN_ATTEMPTS: '1' }
    const first = await startServer({ dataDir, env })
    const { slow, quick } = await killDuringSlowRun(first, 2)
    expect(readRunMetadata(dataDir, slow)).toMatchObject({ status: 'running', attempts: 1 })

    const second = await startServer({ dataDir, env })
    try {
      const failed = await waitForRun(second, slow, run => ENDED.includes(run.status))
      expect(failed.status).toBe('failed')
      expect(failed.error?.code).toBe('interrupted')
      const run = readRunMetadata(dataDir, slow)
      expect(run.error).toMatchObject({ code: 'interrupted', retryable: true })
      expect(run.error!.child_message.de).toMatch(/\S/)
      expect(run.error!.child_message.en).toMatch(/\S/)
      expect(run.error!.child_message.en).not.toContain('interrupted')
      expect(run.outputs).toEqual([])
      for (const runId of quick) expect((await waitForRun(second, runId, view => ENDED.includes(view.status))).status).toBe('completed')
      expectAllMetadataValid(dataDir)
      await expectNoTempFilesListed(second, slow)
    }
    finally {
      await second.stop()
    }
  })

  it('lets a two-step run interrupted right after its interception wait for the student after a restart', async () => {
    const dataDir = makeTempDir()
    const first = await startServer({ dataDir })
    const runId = await createRun(first, { perspective: 'bauhaus', input_text: 'A castle made of sand' })
    expect((await waitForRun(first, runId)).status).toBe('awaiting_output')
    await first.stop()
    // The state on disk had the server died between recording the interception and stopping for the student.
    const metadataPath = join(runDir(dataDir, runId), 'metadata.json')
    const metadata = JSON.parse(readFileSync(metadataPath, 'utf8'))
    writeFileSync(metadataPath, JSON.stringify({ ...metadata, status: 'running', attempts: 1 }, null, 2))
    mkdirSync(join(dataDir, 'active-runs'), { recursive: true })
    writeFileSync(join(dataDir, 'active-runs', runId), 'running')

    const second = await startServer({ dataDir })
    try {
      const view = await waitForRun(second, runId)
      expect(view.status).toBe('awaiting_output')
      expect(view.interception_text).toBe(metadata.interception_text)
      const generate = await api(second, `/api/runs/${runId}/generate`, { body: { output: 'image' } })
      expect(generate.status).toBe(202)
      expect((await waitForRun(second, runId)).status).toBe('completed')
    }
    finally {
      await second.stop()
    }
  })
})
