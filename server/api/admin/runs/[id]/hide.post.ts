import { defineEventHandler } from 'h3'
import { requireLeader } from '../../../../utils/auth/leader'
import { requireParam } from '../../../../utils/http/route-params'
import { readModerationReason } from '../../../../utils/run-index/moderation-reason'
import { setRunHidden } from '../../../../utils/run-index/run-moderation'

/** POST /api/admin/runs/:id/hide {reason?}: the student and the wall no longer see the run; it stays for research. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  return setRunHidden(requireParam(event, 'id'), true, leader, await readModerationReason(event))
})
