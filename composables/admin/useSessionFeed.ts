import { type MaybeRefOrGetter, toValue } from 'vue'
import type { SessionFeed } from './session-views'
import { useEtagPoller } from './useEtagPoller'

/** A new run must show up on the leader's screen within 2 s. */
export const FEED_INTERVAL_MS = 1000
export const FEED_LIMIT = 50

/** The session's newest runs and the counts per perspective and status, kept live. */
export function useSessionFeed(sessionId: MaybeRefOrGetter<string>) {
  return useEtagPoller<SessionFeed>(() => `/api/admin/sessions/${encodeURIComponent(toValue(sessionId))}/feed?limit=${FEED_LIMIT}`, FEED_INTERVAL_MS)
}
