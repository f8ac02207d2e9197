import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'

/** POST /api/admin/retention/apply: deletes what the policy says must go, now; same code path as the hourly job. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { retention } = await useReadyApp()
  return retention.apply()
})
