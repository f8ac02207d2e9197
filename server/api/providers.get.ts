import { defineEventHandler } from 'h3'
import { useReadyApp } from '../utils/app-context'
import { requireLeader } from '../utils/auth/leader'

/** GET /api/providers: every backend probed just now (reachable, models, load), the stages' providers and which outputs students are offered. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { providers, catalog } = await useReadyApp()
  return providers.status(catalog.outputs, mediaType => catalog.defaultOutput(mediaType)?.id)
})
