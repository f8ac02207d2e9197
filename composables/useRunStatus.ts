import { getCurrentInstance, type MaybeRefOrGetter, onMounted, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue'
import { isFinalStatus } from '#shared/run-status'
import type { RunStatusView } from '#shared/schemas/run'

export const MOVING_INTERVAL_MS = 700
/** awaiting_output only changes when the student acts, and every action refreshes at once. */
export const AWAITING_INTERVAL_MS = 5000
export const FIRST_BACKOFF_MS = 1000
export const MAX_BACKOFF_MS = 10_000
/** A socket the iPad killed while the screen was locked can hang forever instead of failing. */
export const REQUEST_TIMEOUT_MS = 8000

/**
 * The one place that polls a run. Cheap 304s while nothing changes, quiet while the tab is hidden,
 * an immediate look when the iPad wakes up or the WiFi comes back, and a growing pause while the
 * server cannot be reached.
 */
export function useRunStatus(runId: MaybeRefOrGetter<string>) {
  const run = shallowRef<RunStatusView | null>(null)
  const notFound = ref(false)
  const connectionLost = ref(false)
  let etag: string | null = null
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let request: AbortController | null = null
  let active = false

  function nextDelay(): number | null {
    if (failures > 0) return Math.min(FIRST_BACKOFF_MS * 2 ** (failures - 1), MAX_BACKOFF_MS)
    if (notFound.value || !run.value) return null
    if (isFinalStatus(run.value.status)) return null
    return run.value.status === 'awaiting_output' ? AWAITING_INTERVAL_MS : MOVING_INTERVAL_MS
  }

  async function poll(): Promise<void> {
    clearTimeout(timer)
    if (!active || document.visibilityState === 'hidden') return
    request?.abort()
    const controller = new AbortController()
    request = controller
    const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS)
    try {
      const response = await fetch(`/api/runs/${encodeURIComponent(toValue(runId))}`, {
        headers: etag ? { 'If-None-Match': etag } : {},
        cache: 'no-store',
        signal: controller.signal,
      })
      if (request !== controller) return
      if (response.status === 404 || response.status === 400) {
        notFound.value = true
      }
      else if (response.status !== 304 || !run.value) {
        if (!response.ok) throw new Error(`GET run answered ${response.status}`)
        const view = await response.json() as RunStatusView
        if (request !== controller) return
        etag = response.headers.get('ETag')
        run.value = view
      }
      failures = 0
      connectionLost.value = false
    }
    catch {
      if (request !== controller) return
      failures += 1
      connectionLost.value = true
    }
    finally {
      clearTimeout(timeout)
    }
    request = null
    const delay = nextDelay()
    if (delay !== null && active) timer = setTimeout(poll, delay)
  }

  /** Looks now, e.g. after an action or when the iPad wakes up; a stalled request is dropped. */
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
    watch(() => toValue(runId), () => {
      run.value = null
      notFound.value = false
      etag = null
      void refresh()
    })
  }

  return { run, notFound, connectionLost, refresh }
}
