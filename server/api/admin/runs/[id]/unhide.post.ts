import { defineEventHandler } from 'h3'
import { requireLeader } from '../../../../utils/auth/leader'
import { requireParam } from '../../../../utils/http/route-params'
import { readModerationReason } from '../../../../utils/run-index/moderation-reason'
import { setRunHidden } from '../../../../utils/run-index/run-moderation'

/** POST /api/admin/runs/:id/unhide {reason?}: shows a hidden run to its student and on the wall again. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  return setRunHidden(requireParam(event, 'id'), false, leader, await readModerationReason(event))
})
