import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'

/** GET /api/perspectives: every perspective a student can choose, in catalog order. */
export default defineEventHandler(async () => {
  const { catalog } = await useReadyApp()
  return catalog.perspectives
})
