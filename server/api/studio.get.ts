import { defineEventHandler } from 'h3'
import { STUDIO_SESSION_ID } from '#shared/schemas/session'
import { useReadyApp } from '../utils/app-context'

/** GET /api/studio: whether the open studio takes students today, so the join page offers it or not. */
export default defineEventHandler(async () => {
  const { sessions } = await useReadyApp()
  const studio = await sessions.get(STUDIO_SESSION_ID)
  return { open: Boolean(studio && studio.open && !studio.archived) }
})
