import { type MaybeRefOrGetter, toValue } from 'vue'
import type { SessionWall } from './session-views'
import { useEtagPoller } from './useEtagPoller'

export const WALL_INTERVAL_MS = 2000
export const WALL_LIMIT = 60

/** The newest finished, visible outputs of a session for the projector. */
export function useSessionWall(sessionId: MaybeRefOrGetter<string>) {
  return useEtagPoller<SessionWall>(() => `/api/admin/sessions/${encodeURIComponent(toValue(sessionId))}/wall?limit=${WALL_LIMIT}`, WALL_INTERVAL_MS)
}
