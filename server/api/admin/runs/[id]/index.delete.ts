import { defineEventHandler, setResponseStatus } from 'h3'
import { z } from 'zod'
import { requireLeader } from '../../../../utils/auth/leader'
import { readJsonBody } from '../../../../utils/http/read-json-body'
import { requireParam } from '../../../../utils/http/route-params'
import { deleteRun } from '../../../../utils/run-index/run-moderation'

const Body = z.object({ reason: z.string().trim().min(1, 'must say why').max(500, 'must be at most 500 characters') }).strict()

/** DELETE /api/admin/runs/:id {reason}: removes the run's files for good; 204. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const { reason } = await readJsonBody(event, Body)
  await deleteRun(requireParam(event, 'id'), leader, reason)
  setResponseStatus(event, 204)
  return null
})
