import { defineEventHandler } from 'h3'
import { requireLeader } from '../../../../utils/auth/leader'
import { setRunPublished } from '../../../../utils/class-gallery/class-gallery'
import { requireParam } from '../../../../utils/http/route-params'
import { readModerationReason } from '../../../../utils/run-index/moderation-reason'
import { toAdminRunRows } from '../../../../utils/run-index/admin-run-rows'
import { toRunSummary } from '../../../../utils/run-index/run-summary'

/** POST /api/admin/runs/:id/publish {reason?}: every student of the run's session sees it in the class gallery; hidden runs are refused (409). */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const run = await setRunPublished(requireParam(event, 'id'), true, leader, await readModerationReason(event))
  return (await toAdminRunRows([toRunSummary(run)]))[0]
})
