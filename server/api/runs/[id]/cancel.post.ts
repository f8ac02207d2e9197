import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'

/** POST /api/runs/:id/cancel: stops a waiting or running run. */
export default defineEventHandler(async (event) => {
  const { service } = await useReadyApp()
  const run = await service.cancel(requireParam(event, 'id'))
  return { run_id: run.run_id, status: run.status }
})
