import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'
import { reflectionView } from '../../../utils/reflection/reflection'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** GET /api/runs/:id/reflection: the questions after the result and the answers so far; for the run's student and leaders. */
export default defineEventHandler(async (event) => {
  const { service, catalog } = await useReadyApp()
  const run = await service.visibleRun(requireParam(event, 'id'), await runViewerOf(event))
  return reflectionView(catalog, run)
})
