import { describe, expect, it } from 'vitest'
import { MemoryRunQueue } from '../../../../../server/utils/queue/memory-queue'
import type { RunJob } from '../../../../../server/utils/queue/run-queue'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((done) => { resolve = done })
  return { promise, resolve }
}

describe('MemoryRunQueue', () => {
  it('runs jobs first in, first out, never more than the concurrency at once', async () => {
    const queue = new MemoryRunQueue(2)
    const started: string[] = []
    const gates = new Map<string, ReturnType<typeof deferred>>()
    let running = 0
    let maxRunning = 0
    queue.start(async (job) => {
      started.push(job.runId)
      running += 1
      maxRunning = Math.max(maxRunning, running)
      const gate = deferred()
      gates.set(job.runId, gate)
      await gate.promise
      running -= 1
      return 'done'
    })
    for (const runId of ['a', 'b', 'c', 'd']) await queue.enqueue({ runId, kind: 'prepare' })
    expect(started).toEqual(['a', 'b'])
    expect(await queue.position('c')).toBe(1)
    expect(await queue.position('d')).toBe(2)
    expect(await queue.position('a')).toBeNull()
    expect(await queue.stats()).toEqual({ waiting: 2, active: 2 })
    gates.get('b')!.resolve()
    await new Promise(resolve => setTimeout(resolve, 0))
    expect(started).toEqual(['a', 'b', 'c'])
    expect(await queue.position('d')).toBe(1)
    for (const gate of gates.values()) gate.resolve()
    await new Promise(resolve => setTimeout(resolve, 0))
    for (const gate of gates.values()) gate.resolve()
    await new Promise(resolve => setTimeout(resolve, 0))
    expect(started).toEqual(['a', 'b', 'c', 'd'])
    expect(maxRunning).toBe(2)
  })

  it('ignores a job that is already waiting or running under the same key', async () => {
    const queue = new MemoryRunQueue(1)
    const seen: RunJob[] = []
    const gate = deferred()
    queue.start(async (job) => { seen.push(job); await gate.promise; return 'done' })
    await queue.enqueue({ runId: 'a', kind: 'prepare' })
    await queue.enqueue({ runId: 'a', kind: 'prepare' })
    await queue.enqueue({ runId: 'b', kind: 'prepare' })
    await queue.enqueue({ runId: 'b', kind: 'prepare' })
    expect(await queue.stats()).toEqual({ waiting: 1, active: 1 })
    gate.resolve()
    await new Promise(resolve => setTimeout(resolve, 0))
    expect(seen.map(job => job.runId)).toEqual(['a', 'b'])
  })

  it('drops a waiting job and aborts a running one on cancel', async () => {
    const queue = new MemoryRunQueue(1)
    const signals: AbortSignal[] = []
    queue.start(async (_job, signal) => {
      signals.push(signal)
      await new Promise(resolve => signal.addEventListener('abort', resolve))
      return 'cancelled'
    })
    await queue.enqueue({ runId: 'a', kind: 'prepare' })
    await queue.enqueue({ runId: 'b', kind: 'prepare' })
    expect(await queue.cancel('b')).toBe(true)
    expect(await queue.position('b')).toBeNull()
    expect(await queue.cancel('a')).toBe(true)
    expect(signals[0]!.aborted).toBe(true)
    expect(await queue.cancel('nothing')).toBe(false)
    await queue.close(10)
  })

  it('takes no new jobs after close and aborts jobs still running at the timeout', async () => {
    const queue = new MemoryRunQueue(1)
    let signal: AbortSignal | undefined
    queue.start(async (_job, jobSignal) => { signal = jobSignal; await new Promise(resolve => jobSignal.addEventListener('abort', resolve)); return 'skipped' })
    await queue.enqueue({ runId: 'a', kind: 'generate' })
    await queue.close(20)
    expect(signal!.aborted).toBe(true)
    await queue.enqueue({ runId: 'b', kind: 'generate' })
    expect(await queue.stats()).toMatchObject({ waiting: 0 })
  })
})
