import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { RunStatusView } from '#shared/schemas/run'
import { useRunStatus } from '../../../composables/useRunStatus'

class FakeDocument extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible'
}

let document: FakeDocument
let window: EventTarget
let fetchMock: ReturnType<typeof vi.fn>

const view = (status: RunStatusView['status']) => ({ run_id: 'r1', status } as RunStatusView)
const answer = (status: RunStatusView['status'], etag = `W/"${status}"`) =>
  new Response(JSON.stringify(view(status)), { status: 200, headers: { ETag: etag } })

function start() {
  const scope = effectScope()
  const state = scope.run(() => useRunStatus('r1'))!
  return { ...state, stop: () => scope.stop() }
}

beforeEach(() => {
  vi.useFakeTimers()
  document = new FakeDocument()
  window = new EventTarget()
  fetchMock = vi.fn()
  vi.stubGlobal('document', document)
  vi.stubGlobal('window', window)
  vi.stubGlobal('fetch', fetchMock)
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('useRunStatus', () => {
  it('polls a moving run with If-None-Match, keeps the state on 304 and stops at a final status', async () => {
    fetchMock
      .mockResolvedValueOnce(answer('running'))
      .mockResolvedValueOnce(new Response(null, { status: 304 }))
      .mockResolvedValueOnce(answer('completed'))
    const status = start()
    await vi.advanceTimersByTimeAsync(0)
    expect(status.run.value?.status).toBe('running')
    await vi.advanceTimersByTimeAsync(700)
    expect(fetchMock.mock.calls[1]![1].headers).toEqual({ 'If-None-Match': 'W/"running"' })
    expect(status.run.value?.status).toBe('running')
    await vi.advanceTimersByTimeAsync(700)
    expect(status.run.value?.status).toBe('completed')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(fetchMock).toHaveBeenCalledTimes(3)
    status.stop()
  })

  it('pauses while the page is hidden and looks again as soon as it is visible', async () => {
    fetchMock.mockImplementation(async () => answer('queued'))
    const status = start()
    await vi.advanceTimersByTimeAsync(0)
    document.visibilityState = 'hidden'
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    document.visibilityState = 'visible'
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(0)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(700)
    expect(fetchMock).toHaveBeenCalledTimes(3)
    status.stop()
  })

  it('backs off 1, 2, 4, 8 and at most 10 s while the server is away, then recovers by itself', async () => {
    fetchMock.mockResolvedValueOnce(answer('running'))
    const status = start()
    await vi.advanceTimersByTimeAsync(0)
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    await vi.advanceTimersByTimeAsync(700)
    expect(status.connectionLost.value).toBe(true)
    const callsAfter = (ms: number) => vi.advanceTimersByTimeAsync(ms).then(() => fetchMock.mock.calls.length)
    expect(await callsAfter(999)).toBe(2)
    expect(await callsAfter(1)).toBe(3)
    expect(await callsAfter(2000)).toBe(4)
    expect(await callsAfter(4000)).toBe(5)
    expect(await callsAfter(8000)).toBe(6)
    expect(await callsAfter(9999)).toBe(6)
    expect(await callsAfter(1)).toBe(7)
    fetchMock.mockResolvedValue(new Response('{}', { status: 503 }))
    expect(await callsAfter(10_000)).toBe(8)
    expect(status.connectionLost.value).toBe(true)
    fetchMock.mockResolvedValue(answer('running', 'W/"back"'))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(status.connectionLost.value).toBe(false)
    expect(await callsAfter(700)).toBe(10)
    status.stop()
  })

  it('tries again at once when the WiFi comes back', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const status = start()
    await vi.advanceTimersByTimeAsync(3000)
    const calls = fetchMock.mock.calls.length
    fetchMock.mockResolvedValue(answer('running'))
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(fetchMock.mock.calls.length).toBe(calls + 1)
    expect(status.connectionLost.value).toBe(false)
    expect(status.run.value?.status).toBe('running')
    status.stop()
  })

  it('gives up on a request that hangs and counts it as a lost connection', async () => {
    fetchMock.mockImplementation((_url: string, init: RequestInit) => new Promise((_resolve, reject) => {
      init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
    }))
    const status = start()
    await vi.advanceTimersByTimeAsync(8000)
    expect(status.connectionLost.value).toBe(true)
    status.stop()
  })

  it('reports an unknown run and stops polling', async () => {
    fetchMock.mockResolvedValue(new Response('{}', { status: 404 }))
    const status = start()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(status.notFound.value).toBe(true)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    status.stop()
  })

  it('stops polling and listening when its scope ends', async () => {
    fetchMock.mockImplementation(async () => answer('running'))
    const status = start()
    await vi.advanceTimersByTimeAsync(0)
    status.stop()
    await vi.advanceTimersByTimeAsync(5000)
    window.dispatchEvent(new Event('online'))
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(0)
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })
})
