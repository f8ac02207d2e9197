import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** POST /api/runs/:id/cancel: stops a waiting or running run. */
export default defineEventHandler(async (event) => {
  const { service } = await useReadyApp()
  const visible = await service.visibleRun(requireParam(event, 'id'), await runViewerOf(event))
  const run = await service.cancel(visible.run_id)
  return { run_id: run.run_id, status: run.status }
})
