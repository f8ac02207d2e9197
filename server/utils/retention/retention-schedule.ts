export const FIRST_APPLY_DELAY_MS = 60_000
export const APPLY_EVERY_MS = 60 * 60 * 1000

/**
 * Applies the policy a minute after start, then every hour. A plain timer, unref'd so it never
 * keeps the process alive; `apply` itself refuses to overlap. Returns the stop function.
 * With several instances on one data directory only one should run this (issue 6).
 */
export function scheduleRetention(apply: () => Promise<unknown>, timing = { firstDelayMs: FIRST_APPLY_DELAY_MS, everyMs: APPLY_EVERY_MS }): () => void {
  const run = () => {
    apply().catch(error => console.error('[retention] scheduled apply failed', error))
  }
  const first = setTimeout(run, timing.firstDelayMs).unref()
  const every = setInterval(run, timing.everyMs).unref()
  return () => {
    clearTimeout(first)
    clearInterval(every)
  }
}
