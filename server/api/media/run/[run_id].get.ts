import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'

/** GET /api/media/run/:run_id: compatibility route with the complete run metadata and its files. */
export default defineEventHandler(async (event) => {
  const { service, runs } = await useReadyApp()
  const run = await service.get(requireParam(event, 'run_id'))
  return { ...run, files: await runs.listFiles(run.run_id) }
})
