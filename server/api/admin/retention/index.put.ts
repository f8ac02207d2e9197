import { defineEventHandler } from 'h3'
import { useAppContext } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { RetentionUpdate } from '../../../utils/retention/retention-settings'

/** PUT /api/admin/retention {global_days: 1..3650 | null}: sets the global policy; answers like GET. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const { global_days: days } = await readJsonBody(event, RetentionUpdate)
  return useAppContext().retention.setGlobalDays(days, leader.name)
})
