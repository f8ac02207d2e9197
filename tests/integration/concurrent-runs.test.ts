import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, healthDetails, waitForRun } from '../support/api'
import { createRun, readRunFile, readRunMetadata, sha256 } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

it('completes 30 runs created at once, every file intact', async () => {
  const runIds = await Promise.all(Array.from({ length: 30 }, (_, n) =>
    createRun(server, { perspective: n % 2 ? 'bauhaus' : 'renaissance', input_text: `Ein Drache Nummer ${n} fliegt über die Stadt`, output: 'image_builtin' })))
  expect(new Set(runIds).size).toBe(30)

  const views = await Promise.all(runIds.map(runId => waitForRun(server, runId, run => ['completed', 'blocked', 'failed', 'cancelled'].includes(run.status), 50_000)))
  expect(views.map(view => view.status)).toEqual(runIds.map(() => 'completed'))

  for (const runId of runIds) {
    const run = readRunMetadata(server.dataDir, runId)
    expect(run.status).toBe('completed')
    expect(run.attempts).toBe(1)
    const [output] = run.outputs
    const png = readRunFile(server.dataDir, runId, output!.filename)
    expect(sha256(png), runId).toBe(output!.sha256)
    expect(png.length).toBe(output!.bytes)
    const { info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([output!.width, output!.height])
    const thumbnail = await sharp(readRunFile(server.dataDir, runId, output!.thumbnail!)).raw().toBuffer({ resolveWithObject: true })
    expect(Math.max(thumbnail.info.width, thumbnail.info.height)).toBeLessThanOrEqual(256)
  }
  const health = await healthDetails(server)
  expect(health.queue).toMatchObject({ waiting: 0, active: 0 })
}, 90_000)
