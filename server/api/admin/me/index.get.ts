import { defineEventHandler } from 'h3'
import { requireLeader } from '../../../utils/auth/leader'

/** GET /api/admin/me: the signed-in course leader → {leader:{name}}; 401 for anyone else. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  return { leader }
})
