import { computed, type MaybeRefOrGetter } from 'vue'
import { MAX_BACKOFF_MS, usePolledJson } from '../usePolledJson'

/**
 * The admin pages' poll of one resource every `intervalMs` (feed, wall): the shared loop, backing
 * off while the server is away, and stopping for a leader who is no longer signed in.
 */
export function useEtagPoller<T>(url: MaybeRefOrGetter<string>, intervalMs: number) {
  const { data, failing, failedStatus, refresh } = usePolledJson<T>(url, ({ failedStatus, failures }) => {
    // Asking again will not sign the leader back in.
    if (failedStatus === 401) return null
    return failures > 0 ? Math.min(intervalMs * 2 ** failures, MAX_BACKOFF_MS) : intervalMs
  })
  // An answer, even a refusal, means the server is there; the page shows the refusal instead.
  const connectionLost = computed(() => failing.value && failedStatus.value === null)
  return { data, connectionLost, failedStatus, refresh }
}
