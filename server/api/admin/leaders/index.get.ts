import { defineEventHandler } from 'h3'
import { useAppContext } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'

/** GET /api/admin/leaders: every course leader account → {leaders:[{name, created_at}]}. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  return { leaders: await useAppContext().leaders.list() }
})
