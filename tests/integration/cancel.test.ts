import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, healthDetails, waitForRun } from '../support/api'
import { createRun, readRunMetadata, runFileNames } from '../support/run-files'
import { HELD_OUTPUT, type HeldImages, startHeldImages } from '../support/held-images'
import { startServer, type TestServer } from '../support/server'

let server: TestServer
// Pictures of the held output are mid-generation until the test releases them: long enough to cancel in the middle.
let images: HeldImages

beforeAll(async () => {
  images = await startHeldImages()
  // One job at a time: runs created behind others are still waiting when cancelled.
  server = await startServer({ env: { ...images.env, NUXT_QUEUE_CONCURRENCY: '1' } })
})

afterAll(async () => {
  await server?.stop()
  await images?.close()
})

describe('POST /api/runs/:id/cancel', () => {
  it('cancels a waiting run, which then never runs, while the runs ahead of it complete', async () => {
    const ahead = await Promise.all([1, 2, 3].map(n => createRun(server, { perspective: 'bauhaus', input_text: `Ein Boot Nummer ${n}`, output: HELD_OUTPUT })))
    const waiting = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Boot ganz hinten', output: 'image_builtin' })
    await expect.poll(() => images.held, { timeout: 20_000 }).toBe(1)
    const position = await api(server, `/api/runs/${waiting}`)
    expect(position.body.status).toBe('queued')
    expect(position.body.queue_position).toBeGreaterThanOrEqual(1)

    const response = await api(server, `/api/runs/${waiting}/cancel`, { method: 'POST' })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ run_id: waiting, status: 'cancelled' })

    images.release()
    for (const runId of ahead) expect((await waitForRun(server, runId)).status).toBe('completed')
    const view = await api(server, `/api/runs/${waiting}`)
    expect(view.body.status).toBe('cancelled')
    expect(view.body.queue_position).toBeNull()
    const run = readRunMetadata(server.dataDir, waiting)
    expect(run).toMatchObject({ status: 'cancelled', cancel_requested: true, attempts: 0, outputs: [] })
    expect(run.stages.every(stage => stage.status === 'pending')).toBe(true)
    expect(runFileNames(server.dataDir, waiting).filter(name => /^(output|thumbnail)-/.test(name))).toEqual([])
    const health = await healthDetails(server)
    expect(health.queue).toMatchObject({ waiting: 0, active: 0 })
  })

  it('cancels a run in the middle of its generation, which then ends cancelled without media', async () => {
    images.backend.hold()
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein großes Schloss', output: HELD_OUTPUT })
    await expect.poll(() => images.held, { timeout: 20_000 }).toBe(1)
    const response = await api(server, `/api/runs/${runId}/cancel`, { method: 'POST' })
    expect(response.status).toBe(200)
    expect(response.body.run_id).toBe(runId)

    expect((await waitForRun(server, runId)).status).toBe('cancelled')
    const run = readRunMetadata(server.dataDir, runId)
    expect(run).toMatchObject({ status: 'cancelled', cancel_requested: true, outputs: [] })
    expect(Object.fromEntries(run.stages.map(stage => [stage.name, stage.status]))).toMatchObject({ input_safety: 'done', interception: 'done', interception_safety: 'done', pre_output: 'done', generation: 'cancelled' })
    expect(runFileNames(server.dataDir, runId).filter(name => /^(output|thumbnail)-/.test(name))).toEqual([])
  })

  it('answers 409 for a run that has completed, and leaves it completed', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Segelboot', output: 'image_builtin' })
    expect((await waitForRun(server, runId)).status).toBe('completed')
    const response = await api(server, `/api/runs/${runId}/cancel`, { method: 'POST' })
    expect(response.status).toBe(409)
    expect(response.body.message).toBe('Only waiting or running runs can be cancelled; this run is completed')
    expect(readRunMetadata(server.dataDir, runId)).toMatchObject({ status: 'completed', cancel_requested: false })
  })
})
