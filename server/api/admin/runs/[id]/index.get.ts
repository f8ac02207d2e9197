import { defineEventHandler } from 'h3'
import { requireLeader } from '../../../../utils/auth/leader'
import { requireParam } from '../../../../utils/http/route-params'
import { runDetail } from '../../../../utils/run-index/run-moderation'

/** GET /api/admin/runs/:id: full metadata, session name, pseudonym, stored files and the run's audit entries. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  return runDetail(requireParam(event, 'id'))
})
