import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** GET /api/media/run/:run_id: compatibility route with the complete run metadata and its files. */
export default defineEventHandler(async (event) => {
  const { service, runs } = await useReadyApp()
  const run = await service.visibleRun(requireParam(event, 'run_id'), await runViewerOf(event))
  return { ...run, files: await runs.listFiles(run.run_id) }
})
