import { describe, expect, it } from 'vitest'
import { BackendGate } from '../../../../../../server/utils/providers/backends/backend-gate'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((done) => { resolve = done })
  return { promise, resolve }
}

describe('BackendGate', () => {
  it('lets `concurrency` jobs run and tells the others their place, first in first out', async () => {
    const gate = new BackendGate(1)
    const first = deferred()
    const order: string[] = []
    const places: Record<string, (number | null)[]> = { b: [], c: [] }
    const a = gate.run(async () => { order.push('a'); await first.promise })
    const b = gate.run(async () => { order.push('b') }, { onWaiting: position => places.b!.push(position) })
    const c = gate.run(async () => { order.push('c') }, { onWaiting: position => places.c!.push(position) })
    expect(gate.active).toBe(1)
    expect(gate.waiting).toBe(2)
    first.resolve()
    await Promise.all([a, b, c])
    expect(order).toEqual(['a', 'b', 'c'])
    expect(places.b).toEqual([1, null])
    expect(places.c).toEqual([2, 1, null])
    expect(gate.active).toBe(0)
  })

  it('moves everyone up when a waiting job is cancelled', async () => {
    const gate = new BackendGate(1)
    const first = deferred()
    const controller = new AbortController()
    const places: (number | null)[] = []
    const a = gate.run(() => first.promise)
    const b = gate.run(async () => 'b', { signal: controller.signal })
    const c = gate.run(async () => 'c', { onWaiting: position => places.push(position) })
    controller.abort(new Error('cancelled'))
    await expect(b).rejects.toThrow('cancelled')
    expect(places).toEqual([2, 1])
    first.resolve()
    await a
    expect(await c).toBe('c')
    expect(places).toEqual([2, 1, null])
  })

  it('frees its place when the work throws', async () => {
    const gate = new BackendGate(1)
    await expect(gate.run(async () => { throw new Error('backend down') })).rejects.toThrow('backend down')
    expect(await gate.run(async () => 'next')).toBe('next')
  })

  it('never runs more than its concurrency at once', async () => {
    const gate = new BackendGate(3)
    let running = 0
    let most = 0
    await Promise.all(Array.from({ length: 10 }, () => gate.run(async () => {
      running += 1
      most = Math.max(most, running)
      await new Promise(resolve => setTimeout(resolve, 5))
      running -= 1
    })))
    expect(most).toBe(3)
  })
})
