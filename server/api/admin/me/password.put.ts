import { defineEventHandler, setResponseStatus } from 'h3'
import { useAppContext } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'
import { leaderTokenOf } from '../../../utils/auth/leader-cookie'
import { PasswordChange } from '../../../utils/auth/leader-schemas'
import { checkPassword } from '../../../utils/auth/sign-in'
import { readJsonBody } from '../../../utils/http/read-json-body'

/**
 * PUT /api/admin/me/password {current_password, new_password} → 204. The current password is
 * checked (and counted) like a sign-in, so a borrowed cookie cannot take the account over; every
 * other sign-in of this leader ends, this one stays.
 */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const { current_password, new_password } = await readJsonBody(event, PasswordChange)
  const { leaders, loginLimiter, leaderSessions, audit } = useAppContext()
  await checkPassword(event, { leaders, limiter: loginLimiter }, leader.name, current_password)
  await leaders.setPassword(leader.name, new_password)
  const ended = await leaderSessions.endAllOf(leader.name, leaderTokenOf(event) ?? undefined)
  await audit.add({ actor: leader.name, action: 'leader.password_change', detail: { other_sessions_ended: ended } })
  setResponseStatus(event, 204)
  return null
})
