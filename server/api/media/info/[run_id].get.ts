import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'
import { mediaUrl } from '../../../utils/pipeline/run-status-view'

/** GET /api/media/info/:run_id: compatibility route describing a run's media files. */
export default defineEventHandler(async (event) => {
  const { service } = await useReadyApp()
  const run = await service.get(requireParam(event, 'run_id'))
  return {
    run_id: run.run_id,
    status: run.status,
    outputs: run.outputs.map(output => ({ ...output, url: mediaUrl(run.run_id, output.filename) })),
  }
})
