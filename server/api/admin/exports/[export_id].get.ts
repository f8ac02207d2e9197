import { createError, defineEventHandler } from 'h3'
import { requireLeader } from '../../../utils/auth/leader'
import { useAppContext } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'

/** GET /api/admin/exports/:export_id: how far a running (or recently finished) export is. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const progress = await useAppContext().exports.get(requireParam(event, 'export_id'))
  if (!progress) throw createError({ statusCode: 404, statusMessage: 'No export with this id is running or recently finished' })
  return progress
})
