import { computed, type MaybeRefOrGetter, toValue } from 'vue'
import { isFinalStatus } from '#shared/run-status'
import type { RunStatusView } from '#shared/schemas/run'
import { MAX_BACKOFF_MS, usePolledJson } from './usePolledJson'

export const MOVING_INTERVAL_MS = 700
/** awaiting_output only changes when the student acts, and every action refreshes at once. */
export const AWAITING_INTERVAL_MS = 5000
export const FIRST_BACKOFF_MS = 1000

/**
 * The one place that polls a run, on the shared loop (usePolledJson): quickly while it moves,
 * slowly while it waits for the student, not at all once it ended or does not exist, and with a
 * growing pause while the server cannot be reached.
 */
export function useRunStatus(runId: MaybeRefOrGetter<string>) {
  const { data: run, failing, failedStatus, refresh } = usePolledJson<RunStatusView>(
    () => `/api/runs/${encodeURIComponent(toValue(runId))}`,
    ({ data, failedStatus, failures }) => {
      if (failedStatus === 404 || failedStatus === 400) return null
      if (failures > 0) return Math.min(FIRST_BACKOFF_MS * 2 ** (failures - 1), MAX_BACKOFF_MS)
      if (!data || isFinalStatus(data.status)) return null
      return data.status === 'awaiting_output' ? AWAITING_INTERVAL_MS : MOVING_INTERVAL_MS
    },
  )
  /** 404 for a run that does not exist or is not this device's; 400 for an id that cannot be one. */
  const notFound = computed(() => failedStatus.value === 404 || failedStatus.value === 400)
  /** No answer, or one that is not about the run (a 503 while the server restarts). */
  const connectionLost = computed(() => failing.value && !notFound.value)
  return { run, notFound, connectionLost, refresh }
}
