import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'

/** GET /api/admin/retention/preview: what apply would delete now ({cutoffs, runs, total}); deletes nothing. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { retention } = await useReadyApp()
  return retention.preview()
})
