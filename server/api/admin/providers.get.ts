import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { requireLeader } from '../../utils/auth/leader'

/** GET /api/admin/providers: the backend settings as the admin page edits them; API keys only as `api_key_set`. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { providers } = await useReadyApp()
  return providers.view()
})
