import { createError, defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { requireParam } from '../../utils/http/route-params'

/** GET /api/perspectives/:id: one perspective with its texts in every language. */
export default defineEventHandler(async (event) => {
  const { catalog } = await useReadyApp()
  const id = requireParam(event, 'id')
  const perspective = catalog.perspective(id)
  if (!perspective) throw createError({ statusCode: 404, statusMessage: `Unknown perspective "${id}"` })
  return perspective
})
