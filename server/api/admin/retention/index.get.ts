import { defineEventHandler } from 'h3'
import { useAppContext } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'

/** GET /api/admin/retention: the global policy ({global_days: null} keeps for ever) and the last apply. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  return useAppContext().retention.settings.get()
})
