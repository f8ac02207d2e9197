import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { currentSessionAllowances } from '../../utils/sessions/session-allowances'

/** GET /api/perspectives: the perspectives this device's session allows (all before joining), in catalog order. */
export default defineEventHandler(async (event) => {
  const { catalog } = await useReadyApp()
  const allowed = (await currentSessionAllowances(event)).perspectives
  const perspectives = allowed ? catalog.perspectives.filter(perspective => allowed.includes(perspective.id)) : catalog.perspectives
  // The reflection questions come with a result (GET /api/runs/:id/reflection), not with every page that lists perspectives.
  return perspectives.map(({ reflection: _, ...card }) => card)
})
