import { defineEventHandler, setResponseStatus } from 'h3'
import { useAppContext } from '../../utils/app-context'
import { clearLeaderCookie, leaderTokenOf } from '../../utils/auth/leader-cookie'

/** POST /api/admin/logout: ends this sign-in on the server, so the cookie is worthless from now on (also for anyone not signed in, so it never fails) → 204. */
export default defineEventHandler(async (event) => {
  const { leaderSessions, settings } = useAppContext()
  const token = leaderTokenOf(event)
  if (token) await leaderSessions.end(token)
  clearLeaderCookie(event, settings)
  setResponseStatus(event, 204)
  return null
})
