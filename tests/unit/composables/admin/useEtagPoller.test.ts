import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import { useEtagPoller } from '../../../../composables/admin/useEtagPoller'

class FakeDocument extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible'
}

let document: FakeDocument
let fetchMock: ReturnType<typeof vi.fn>

const answer = (runs: string[], etag = `W/"${runs.join(',')}"`) =>
  new Response(JSON.stringify({ runs }), { status: 200, headers: { ETag: etag } })
const notModified = () => new Response(null, { status: 304 })

function start(url: string | ReturnType<typeof ref<string>> = '/feed', interval = 1000) {
  const scope = effectScope()
  const state = scope.run(() => useEtagPoller<{ runs: string[] }>(url as string, interval))!
  return { ...state, stop: () => scope.stop() }
}

beforeEach(() => {
  vi.useFakeTimers()
  document = new FakeDocument()
  fetchMock = vi.fn()
  vi.stubGlobal('document', document)
  vi.stubGlobal('window', new EventTarget())
  vi.stubGlobal('fetch', fetchMock)
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('useEtagPoller', () => {
  it('sends the last ETag, keeps the data on 304 and replaces it wholesale on 200', async () => {
    fetchMock
      .mockResolvedValueOnce(answer(['a', 'b']))
      .mockResolvedValueOnce(notModified())
      .mockResolvedValueOnce(answer(['c']))
    const poller = start()
    await vi.advanceTimersByTimeAsync(0)
    expect(poller.data.value?.runs).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(1000)
    expect(fetchMock.mock.calls[1]![1].headers).toEqual({ 'If-None-Match': 'W/"a,b"' })
    expect(poller.data.value?.runs).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(1000)
    // A run hidden in the meantime must disappear, not linger from the old list.
    expect(poller.data.value?.runs).toEqual(['c'])
    poller.stop()
  })

  it('asks nothing while the tab is hidden and looks at once when it is shown again', async () => {
    fetchMock.mockImplementation(async () => answer(['a']))
    const poller = start()
    await vi.advanceTimersByTimeAsync(0)
    document.visibilityState = 'hidden'
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    document.visibilityState = 'visible'
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.advanceTimersByTimeAsync(0)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1000)
    expect(fetchMock).toHaveBeenCalledTimes(3)
    poller.stop()
  })

  it('keeps the last data while the server is away, backs off, and recovers by itself', async () => {
    fetchMock.mockResolvedValueOnce(answer(['a']))
    const poller = start()
    await vi.advanceTimersByTimeAsync(0)
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    await vi.advanceTimersByTimeAsync(1000)
    expect(poller.connectionLost.value).toBe(true)
    expect(poller.data.value?.runs).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(1999)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetchMock).toHaveBeenCalledTimes(3)
    fetchMock.mockResolvedValue(answer(['b']))
    await vi.advanceTimersByTimeAsync(4000)
    expect(poller.connectionLost.value).toBe(false)
    expect(poller.data.value?.runs).toEqual(['b'])
    poller.stop()
  })

  it('stops asking after a 401 and reports it', async () => {
    fetchMock.mockResolvedValue(new Response('{}', { status: 401 }))
    const poller = start()
    await vi.advanceTimersByTimeAsync(0)
    expect(poller.failedStatus.value).toBe(401)
    expect(poller.connectionLost.value).toBe(false)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    poller.stop()
  })

  it('stops polling when its scope ends', async () => {
    fetchMock.mockImplementation(async () => answer(['a']))
    const poller = start()
    await vi.advanceTimersByTimeAsync(0)
    poller.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })
})
