import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, waitForRun } from '../support/api'
import { createRun, readRunMetadata, runFileNames } from '../support/run-files'
import { HELD_OUTPUT, type HeldImages, startHeldImages } from '../support/held-images'
import { startServer, type TestServer } from '../support/server'

// NUXT_RUN_TIMEOUT_SECONDS: a backend that never answers (the held images, never released) makes
// the run outlast its limit whatever this machine's speed; the run ends failed, kindly, and the
// backend's request is abandoned rather than left hanging.

let server: TestServer
let images: HeldImages

beforeAll(async () => {
  images = await startHeldImages()
  server = await startServer({ env: { ...images.env, NUXT_RUN_TIMEOUT_SECONDS: '5' } })
})

afterAll(async () => {
  await server?.stop()
  await images?.close()
})

describe('a run that outlasts the time limit', () => {
  it('fails as "the machine is busy", retryable, with the limit for the leader, no media, and the backend\'s request abandoned', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Leuchtturm im Nebel', output: HELD_OUTPUT })
    await expect.poll(() => images.held, { timeout: 20_000 }).toBe(1)
    const view = await waitForRun(server, runId, run => run.status === 'failed', 30_000)
    expect(view.error).toMatchObject({ code: 'timeout', retryable: true })
    expect(view.error?.child_message.de).toMatch(/beschäftigt/i)
    expect(view.error?.child_message.en).toMatch(/busy/i)
    expect(JSON.stringify(view.error)).not.toMatch(/127\.0\.0\.1|http:|held|in time/)

    const run = readRunMetadata(server.dataDir, runId)
    expect(run.error).toMatchObject({ stage: 'generation', code: 'timeout', message: 'held did not finish generation in time' })
    expect(run.outputs).toEqual([])
    expect(runFileNames(server.dataDir, runId).filter(name => /^(output|thumbnail)-/.test(name))).toEqual([])
    // The server hung up on the backend: nothing of this run is still being painted.
    await expect.poll(() => images.held, { timeout: 20_000 }).toBe(0)
    expect((await api(server, `/api/runs/${runId}`)).body.status).toBe('failed')
  })
})
