import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { setLeaderCookie } from '../../utils/auth/leader-cookie'
import { LoginBody } from '../../utils/auth/leader-schemas'
import { checkPassword } from '../../utils/auth/sign-in'
import { readJsonBody } from '../../utils/http/read-json-body'

/** POST /api/admin/login {name, password}: signs a course leader in (a new server-side session) → {leader:{name}}; 401 wrong name or password, 429 too many failures from this address. */
export default defineEventHandler(async (event) => {
  const { name, password } = await readJsonBody(event, LoginBody)
  // The first leader from NUXT_ADMIN_PASSWORD is created while the app gets ready.
  const { leaders, loginLimiter, leaderSessions, settings } = await useReadyApp()
  const leader = await checkPassword(event, { leaders, limiter: loginLimiter }, name, password)
  setLeaderCookie(event, await leaderSessions.create(leader.name), settings)
  return { leader: { name: leader.name } }
})
