import { defineEventHandler, setResponseStatus } from 'h3'
import { useAppContext } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'
import { clearLeaderCookie } from '../../../utils/auth/leader-cookie'

/** DELETE /api/admin/me/sessions: "sign out everywhere", e.g. after a laptop went missing; this browser too → 204. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const { leaderSessions, audit, settings } = useAppContext()
  const ended = await leaderSessions.endAllOf(leader.name)
  await audit.add({ actor: leader.name, action: 'leader.sign_out_everywhere', detail: { sessions: ended } })
  clearLeaderCookie(event, settings)
  setResponseStatus(event, 204)
  return null
})
