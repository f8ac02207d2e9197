import { createError, defineEventHandler, setResponseStatus } from 'h3'
import { useAppContext } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'
import { clearLeaderCookie } from '../../../utils/auth/leader-cookie'
import { LastLeaderError } from '../../../utils/auth/leader-store'
import { requireParam } from '../../../utils/http/route-params'

/** DELETE /api/admin/leaders/:name: removes a leader and ends all their sign-ins → 204; 404 unknown, 409 for the last leader. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const name = requireParam(event, 'name')
  const { leaders, leaderSessions, audit, coordinator, settings } = useAppContext()
  // One lock for every instance: two leaders removing each other at once must not leave none.
  const removed = await coordinator.withLock('leaders', () => leaders.remove(name)).catch((error) => {
    if (error instanceof LastLeaderError) throw createError({ statusCode: 409, statusMessage: error.message })
    throw error
  })
  if (!removed) throw createError({ statusCode: 404, statusMessage: `There is no leader called "${name}"` })
  const ended = await leaderSessions.endAllOf(name)
  await audit.add({ actor: leader.name, action: 'leader.remove', detail: { name, sessions_ended: ended } })
  if (name === leader.name) clearLeaderCookie(event, settings)
  setResponseStatus(event, 204)
  return null
})
