import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { LoginBody } from '../../utils/auth/leader-schemas'
import { signIn } from '../../utils/auth/sign-in'
import { readJsonBody } from '../../utils/http/read-json-body'

/** POST /api/admin/login {name, password}: signs a course leader in → {leader:{name}}; 401 wrong name or password, 429 too many failures. */
export default defineEventHandler(async (event) => {
  const { name, password } = await readJsonBody(event, LoginBody)
  // The first leader from NUXT_ADMIN_PASSWORD is created while the app gets ready.
  const { leaders, loginLimiter } = await useReadyApp()
  const leader = await signIn(event, { leaders, limiter: loginLimiter }, name, password)
  return { leader: { name: leader.name } }
})
