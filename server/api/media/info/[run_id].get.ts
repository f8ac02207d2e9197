import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'
import { runViewerOf } from '../../../utils/sessions/current-participant'
import { inputImageViews, mediaUrl } from '../../../utils/pipeline/run-status-view'

/** GET /api/media/info/:run_id: compatibility route describing a run's media files. */
export default defineEventHandler(async (event) => {
  const { service } = await useReadyApp()
  const run = await service.visibleRun(requireParam(event, 'run_id'), await runViewerOf(event))
  return {
    run_id: run.run_id,
    status: run.status,
    outputs: run.outputs.map(output => ({ ...output, url: mediaUrl(run.run_id, output.filename) })),
    input_images: inputImageViews(run),
  }
})
