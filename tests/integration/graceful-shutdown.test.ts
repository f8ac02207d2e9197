import { once } from 'node:events'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { waitForRun } from '../support/api'
import { createRun, readRunMetadata } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'
import { HELD_OUTPUT, type HeldImages, startHeldImages } from '../support/held-images'

const ENDED = ['completed', 'blocked', 'failed', 'cancelled']

let images: HeldImages
afterEach(() => images?.close())

/** Starts a held run and a queued one behind it; answers once the held one's picture is being generated. */
async function runsInProgress(server: TestServer) {
  const slow = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein großes Schloss', output: HELD_OUTPUT })
  const queued = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein kleines Haus', output: HELD_OUTPUT })
  await expect.poll(() => images.held, { timeout: 20_000 }).toBe(1)
  expect(readRunMetadata(server.dataDir, slow).status).toBe('running')
  return { slow, queued }
}

/** SIGTERM, then `meanwhile`; answers how long the process took to exit, and whether new requests were refused meanwhile. */
async function terminate(server: TestServer, meanwhile = () => {}) {
  const started = Date.now()
  const exited = once(server.process, 'exit')
  server.process.kill('SIGTERM')
  // The listener closes once the process has handled the signal, which a busy machine delays:
  // asked until it refuses (or has exited), rather than once after a fixed 300 ms.
  const refusing = async () => server.process.exitCode !== null
    || await fetch(`${server.url}/api/health`).then(() => false, () => true)
  const deadline = Date.now() + 15_000
  let refused = await refusing()
  while (!refused && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 50))
    refused = await refusing()
  }
  meanwhile()
  const [code] = await exited
  return { seconds: (Date.now() - started) / 1000, code, refused }
}

describe('SIGTERM with runs in progress', () => {
  it('hands the running run back when the timeout passes, and a restart finishes it and the queued one', async () => {
    images = await startHeldImages()
    const dataDir = makeTempDir()
    const env = { ...images.env, NUXT_QUEUE_CONCURRENCY: '1', NUXT_SHUTDOWN_TIMEOUT_SECONDS: '0' }
    const first = await startServer({ dataDir, env })
    const { slow, queued } = await runsInProgress(first)

    const { seconds, code, refused } = await terminate(first)
    expect(refused).toBe(true)
    expect(code).toBe(0)
    // Not waiting for the held picture (that would hang until the test's timeout); the margin is for a busy machine.
    expect(seconds).toBeLessThan(20)
    // Handed back, not failed: still running with one attempt used, waiting for the next start.
    expect(readRunMetadata(dataDir, slow)).toMatchObject({ status: 'running', attempts: 1, error: null })
    expect(readRunMetadata(dataDir, queued).status).toBe('queued')
    expect(first.output()).not.toContain('[uncaughtException]')

    images.release()
    const second = await startServer({ dataDir, env })
    try {
      for (const runId of [slow, queued]) expect((await waitForRun(second, runId, run => ENDED.includes(run.status), 40_000)).status, runId).toBe('completed')
      expect(readRunMetadata(dataDir, slow).attempts).toBe(2)
    }
    finally {
      await second.stop()
    }
  })

  it('lets the running run complete when it ends within the timeout, and starts no queued one while a request drains', async () => {
    images = await startHeldImages()
    const dataDir = makeTempDir()
    const env = {
      ...images.env, NUXT_QUEUE_CONCURRENCY: '1', NUXT_SHUTDOWN_TIMEOUT_SECONDS: '25',
      NITRO_SHUTDOWN_TIMEOUT: '8000',
    }
    const first = await startServer({ dataDir, env })
    const { slow, queued } = await runsInProgress(first)
    // A request whose body never comes: Nitro waits NITRO_SHUTDOWN_TIMEOUT for it before its close hooks.
    const held = connect(first.port, '127.0.0.1')
    held.on('error', () => { /* closed by the shutdown */ })
    held.write('POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{')
    await new Promise(resolve => setTimeout(resolve, 200))

    // The picture arrives while the server is already stopping.
    const { seconds, code, refused } = await terminate(first, () => images.release())
    held.destroy()
    expect(refused).toBe(true)
    expect(code).toBe(0)
    expect(seconds).toBeLessThan(25 + 5)
    expect(readRunMetadata(dataDir, slow)).toMatchObject({ status: 'completed', attempts: 1 })
    expect(readRunMetadata(dataDir, queued)).toMatchObject({ status: 'queued', attempts: 0 })
  })
})
