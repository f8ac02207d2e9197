import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { useAppContext } from '../../utils/app-context'
import { requireLeader } from '../../utils/auth/leader'
import { readRunQuery } from '../../utils/run-index/read-run-query'

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  run_id: z.string().min(1).max(64).optional(),
})

/** GET /api/admin/audit: who hid, deleted or changed what, newest first. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { limit, run_id } = readRunQuery(event, Query)
  return { entries: await useAppContext().audit.list({ limit, runId: run_id }) }
})
