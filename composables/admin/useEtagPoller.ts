import { getCurrentInstance, type MaybeRefOrGetter, onMounted, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue'

export const MAX_BACKOFF_MS = 10_000
/** A socket that died while a laptop slept can hang forever instead of failing. */
export const REQUEST_TIMEOUT_MS = 8000

/**
 * Polls one JSON resource every `intervalMs` with If-None-Match, so an unchanged feed costs a 304.
 * Each 200 replaces the data wholesale (a hidden or deleted run must vanish, not linger from a cache).
 * Quiet while the tab is hidden, looks at once when it is shown again, backs off while the server is away.
 */
export function useEtagPoller<T>(url: MaybeRefOrGetter<string>, intervalMs: number) {
  const data = shallowRef<T | null>(null)
  const connectionLost = ref(false)
  /** HTTP status of the last failed answer (401, 404, …); null while all is well or when nothing answered. */
  const failedStatus = ref<number | null>(null)
  let etag: string | null = null
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let request: AbortController | null = null
  let active = false

  const delay = () => (failures > 0 ? Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS) : intervalMs)

  async function poll(): Promise<void> {
    clearTimeout(timer)
    if (!active || document.visibilityState === 'hidden') return
    request?.abort()
    const controller = new AbortController()
    request = controller
    const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS)
    try {
      const response = await fetch(toValue(url), {
        headers: etag ? { 'If-None-Match': etag } : {},
        cache: 'no-store',
        signal: controller.signal,
      })
      if (request !== controller) return
      if (response.status !== 304 || data.value === null) {
        if (!response.ok) {
          failedStatus.value = response.status
          throw new Error(`${toValue(url)} answered ${response.status}`)
        }
        const body = await response.json() as T
        if (request !== controller) return
        etag = response.headers.get('ETag')
        data.value = body
      }
      failures = 0
      failedStatus.value = null
      connectionLost.value = false
    }
    catch {
      if (request !== controller) return
      failures += 1
      connectionLost.value = failedStatus.value === null
    }
    finally {
      clearTimeout(timeout)
    }
    request = null
    // A leader who is no longer signed in will not become signed in by asking again.
    if (active && failedStatus.value !== 401) timer = setTimeout(poll, delay())
  }

  function refresh(): Promise<void> {
    failures = 0
    return poll()
  }

  const onWake = () => {
    if (document.visibilityState === 'visible') void refresh()
  }

  function start() {
    if (active) return
    active = true
    document.addEventListener('visibilitychange', onWake)
    window.addEventListener('online', onWake)
    void poll()
  }

  function stop() {
    active = false
    clearTimeout(timer)
    request?.abort()
    request = null
    document.removeEventListener('visibilitychange', onWake)
    window.removeEventListener('online', onWake)
  }

  if (typeof window !== 'undefined') {
    if (getCurrentInstance()) onMounted(start)
    else start()
    onScopeDispose(stop)
    watch(() => toValue(url), () => {
      data.value = null
      etag = null
      void refresh()
    })
  }

  return { data, connectionLost, failedStatus, refresh }
}
