import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { requireLeader } from '../../utils/auth/leader'

/** GET /api/admin/catalog: every perspective and output, for choosing what a session allows. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { catalog } = await useReadyApp()
  return { perspectives: catalog.perspectives, outputs: catalog.outputs }
})
