import { getCurrentInstance, type MaybeRefOrGetter, onMounted, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue'

/** A socket the iPad or laptop killed while asleep can hang forever instead of failing. */
export const REQUEST_TIMEOUT_MS = 8000
export const MAX_BACKOFF_MS = 10_000

export interface PollState<T> {
  data: T | null
  /** HTTP status of the last failed answer (401, 404, …); null while all is well or when nothing answered. */
  failedStatus: number | null
  /** Failed polls in a row, answered or not; 0 after a success or a refresh. */
  failures: number
}

/** The pause before the next poll, from what the last one found; null stops until `refresh()`. */
export type PollSchedule<T> = (state: PollState<T>) => number | null

/**
 * The one polling loop of the app: GETs one JSON resource with If-None-Match, so an unchanged one
 * costs a 304; each 200 replaces the data wholesale. Quiet while the tab is hidden, looks at once
 * when the device wakes up, the page comes back from the cache or the network returns, and drops
 * a request that hangs. When to ask next is the caller's `schedule`.
 */
export function usePolledJson<T>(url: MaybeRefOrGetter<string>, schedule: PollSchedule<T>) {
  const data = shallowRef<T | null>(null)
  /** The last poll failed: no answer (failedStatus null) or a refusal; each caller decides what to show. */
  const failing = ref(false)
  const failedStatus = ref<number | null>(null)
  let etag: string | null = null
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let request: AbortController | null = null
  let active = false

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
      failing.value = false
    }
    catch {
      if (request !== controller) return
      failures += 1
      failing.value = true
    }
    finally {
      clearTimeout(timeout)
    }
    request = null
    const delay = active ? schedule({ data: data.value, failedStatus: failedStatus.value, failures }) : null
    if (delay !== null) timer = setTimeout(poll, delay)
  }

  /** Looks now, e.g. after an action or when the device wakes up; a stalled request is dropped. */
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
    window.addEventListener('pageshow', onWake)
    window.addEventListener('online', onWake)
    void poll()
  }

  function stop() {
    active = false
    clearTimeout(timer)
    request?.abort()
    request = null
    document.removeEventListener('visibilitychange', onWake)
    window.removeEventListener('pageshow', onWake)
    window.removeEventListener('online', onWake)
  }

  if (typeof window !== 'undefined') {
    // In a component, wait for hydration so the first answer cannot race the server-rendered HTML.
    if (getCurrentInstance()) onMounted(start)
    else start()
    onScopeDispose(stop)
    watch(() => toValue(url), () => {
      data.value = null
      failedStatus.value = null
      etag = null
      void refresh()
    })
  }

  return { data, failing, failedStatus, refresh }
}
