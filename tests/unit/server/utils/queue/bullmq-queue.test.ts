import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BullRunQueue, type BullRunQueueOptions } from '../../../../../server/utils/queue/bullmq-queue'
import { MemoryRunQueue } from '../../../../../server/utils/queue/memory-queue'
import type { RunJob, RunJobHandler, RunQueue } from '../../../../../server/utils/queue/run-queue'
import { freePort } from '../../../../support/server'
import { startRedis, type TestRedis } from '../../../../support/redis'

const WORKER_SCRIPT = resolve(import.meta.dirname, '../../../../support/bull-worker-process.mjs')

let redis: TestRedis
let prefix: string
const opened: BullRunQueue[] = []

beforeAll(async () => { redis = await startRedis() })
afterAll(async () => { await redis?.stop() })
afterEach(async () => { await Promise.all(opened.splice(0).map(queue => queue.close(0))) })

/** A queue object is an instance: each test gets its own prefix, so nothing leaks between tests. */
function instance(options: Partial<BullRunQueueOptions> = {}) {
  const queue = new BullRunQueue({ redisUrl: redis.url, prefix, concurrency: 4, stallTimeoutSeconds: 2, maxStalledCount: 2, handOverMs: 100, ...options })
  opened.push(queue)
  return queue
}

/** How long and how often the tests poll a queue that works in the background. */
const SOON = { timeout: 10_000, interval: 25 }

/** A handler that runs until its signal aborts and says why it stopped. */
function blockingHandler() {
  const seen: { job: RunJob, signal: AbortSignal }[] = []
  const handler: RunJobHandler = async (job, signal) => {
    seen.push({ job, signal })
    await new Promise(resolveAbort => signal.addEventListener('abort', resolveAbort))
    return (signal.reason as Error).message === 'cancelled' ? 'cancelled' : 'skipped'
  }
  return { seen, handler }
}

describe('BullRunQueue', () => {
  beforeAll(() => { prefix = `t${randomUUID().slice(0, 8)}` })
  afterEach(() => { prefix = `t${randomUUID().slice(0, 8)}` })

  it('ignores a job whose run and kind are already waiting', async () => {
    const queue = instance()
    await queue.enqueue({ runId: 'a', kind: 'prepare' })
    await queue.enqueue({ runId: 'a', kind: 'prepare' })
    await queue.enqueue({ runId: 'b', kind: 'prepare' })
    await instance().enqueue({ runId: 'b', kind: 'prepare' })
    expect(await queue.stats()).toEqual({ waiting: 2, active: 0 })
  })

  it('reports waiting places 1..n, oldest first, to every instance', async () => {
    const queue = instance()
    const ids = Array.from({ length: 5 }, () => randomUUID())
    for (const runId of ids) await queue.enqueue({ runId, kind: 'prepare' })
    const other = instance()
    expect(await Promise.all(ids.map(runId => other.position(runId)))).toEqual([1, 2, 3, 4, 5])
    expect(await other.position(randomUUID())).toBeNull()
  })

  it('drops a waiting job on cancel and says false for a run without a job', async () => {
    const queue = instance()
    await queue.enqueue({ runId: 'a', kind: 'prepare' })
    await queue.enqueue({ runId: 'b', kind: 'generate' })
    expect(await instance().cancel('b')).toBe(true)
    expect(await queue.position('b')).toBeNull()
    expect(await queue.position('a')).toBe(1)
    expect(await queue.cancel('nothing')).toBe(false)
    expect(await queue.stats()).toEqual({ waiting: 1, active: 0 })
  })

  it('aborts a running job when another instance cancels its run', async () => {
    const runner = instance()
    const { seen, handler } = blockingHandler()
    runner.start(handler)
    await runner.enqueue({ runId: 'r1', kind: 'prepare' })
    await expect.poll(() => seen.length, SOON).toBe(1)
    expect(await runner.stats()).toEqual({ waiting: 0, active: 1 })
    // The second object never starts a worker: like an instance that only answered the cancel request.
    expect(await instance().cancel('r1')).toBe(true)
    await expect.poll(() => seen[0]!.signal.aborted, SOON).toBe(true)
    expect((seen[0]!.signal.reason as Error).message).toBe('cancelled')
    await expect.poll(async () => (await runner.stats()).active, SOON).toBe(0)
  })

  it('hands a running job back on close, so another instance runs it', async () => {
    const first = instance()
    const { seen, handler } = blockingHandler()
    first.start(handler)
    await first.enqueue({ runId: 'r1', kind: 'generate' })
    await expect.poll(() => seen.length, SOON).toBe(1)
    const started = Date.now()
    await first.close(200)
    expect(Date.now() - started).toBeLessThan(2000)
    expect((seen[0]!.signal.reason as Error).message).toBe('shutting down')
    const second = instance()
    expect(await second.position('r1')).toBe(1)
    const ran: RunJob[] = []
    second.start(async (job) => { ran.push(job); return 'done' })
    await expect.poll(() => ran.length, SOON).toBe(1)
    expect(ran[0]).toEqual({ runId: 'r1', kind: 'generate' })
  })

  it('lets a running job finish within the close timeout', async () => {
    const queue = instance()
    let finished = false
    queue.start(async () => { await new Promise(resolveWait => setTimeout(resolveWait, 300)); finished = true; return 'done' })
    await queue.enqueue({ runId: 'r1', kind: 'prepare' })
    await expect.poll(async () => (await queue.stats()).active, SOON).toBe(1)
    await queue.close(5000)
    expect(finished).toBe(true)
    expect(await instance().stats()).toEqual({ waiting: 0, active: 0 })
  })

  it('takes over the job of a process killed mid-job within the stall timeout', async () => {
    const child = spawn(process.execPath, [WORKER_SCRIPT, redis.url, prefix, '2'], { stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk) => { output += chunk })
    const exited = new Promise(resolveExit => child.once('exit', resolveExit))
    try {
      await expect.poll(() => output, SOON).toContain('ready')
      const producer = instance()
      await producer.enqueue({ runId: 'r1', kind: 'generate' })
      await expect.poll(() => output, SOON).toContain('took r1__generate')
      const survivor = instance()
      const ran: RunJob[] = []
      survivor.start(async (job) => { ran.push(job); return 'done' })
      child.kill('SIGKILL')
      await exited
      const killed = Date.now()
      await expect.poll(() => ran.length, SOON).toBe(1)
      const takeoverMs = Date.now() - killed
      console.info(`[bullmq test] job of a SIGKILLed worker taken over after ${takeoverMs} ms (stall timeout 2 s)`)
      expect(takeoverMs).toBeLessThan(5000)
      expect(ran[0]).toEqual({ runId: 'r1', kind: 'generate' })
    }
    finally {
      child.kill('SIGKILL')
    }
  })

  it('closes the previous worker of this process when a reloaded plugin starts a new one', async () => {
    const before = instance()
    const old = blockingHandler()
    before.start(old.handler)
    await before.enqueue({ runId: 'r1', kind: 'prepare' })
    await expect.poll(() => old.seen.length, SOON).toBe(1)
    const after = instance()
    const ran: string[] = []
    after.start(async (job) => { ran.push(job.runId); return 'done' })
    // The old worker's running job is handed over, and only the new worker takes jobs.
    await expect.poll(() => ran, SOON).toContain('r1')
    for (const runId of ['r2', 'r3', 'r4']) await after.enqueue({ runId, kind: 'prepare' })
    await expect.poll(() => ran.length, SOON).toBe(4)
    expect(old.seen).toHaveLength(1)
    expect(await after['queue'].getWorkers()).toHaveLength(1)
  })

  it('runs 20 jobs, each once, no more than the concurrency at once', async () => {
    const timeTwenty = async (queue: RunQueue) => {
      const ran: string[] = []
      let running = 0
      let most = 0
      queue.start(async (job) => {
        most = Math.max(most, ++running)
        await new Promise(resolveWait => setTimeout(resolveWait, 20))
        running -= 1
        ran.push(job.runId)
        return 'done'
      })
      const started = Date.now()
      for (let index = 0; index < 20; index++) await queue.enqueue({ runId: `r${index}`, kind: 'prepare' })
      await expect.poll(() => ran.length, SOON).toBe(20)
      const elapsed = Date.now() - started
      expect(new Set(ran).size).toBe(20)
      expect(most).toBeLessThanOrEqual(4)
      return elapsed
    }
    const bull = await timeTwenty(instance({ concurrency: 4 }))
    const memory = await timeTwenty(new MemoryRunQueue(4))
    console.info(`[bullmq test] 20 jobs of 20 ms at concurrency 4: BullMQ ${bull} ms, in-process ${memory} ms`)
  })

  it('names the unreachable Redis without its password', async () => {
    const port = await freePort()
    const queue = new BullRunQueue({ redisUrl: `redis://:s3cret@127.0.0.1:${port}/0`, prefix, concurrency: 1, stallTimeoutSeconds: 2, maxStalledCount: 2 })
    const error = await queue.check().catch((caught: Error) => caught)
    await queue.close(0)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain(`redis://127.0.0.1:${port}/0`)
    expect((error as Error).message).not.toContain('s3cret')
  })
})
