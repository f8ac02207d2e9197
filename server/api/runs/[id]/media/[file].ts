import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../../utils/app-context'
import { serveRunMedia } from '../../../../utils/media/serve-run-media'
import { requireParam } from '../../../../utils/http/route-params'
import { runViewerOf } from '../../../../utils/sessions/current-participant'

/** GET|HEAD /api/runs/:id/media/:file: an output or thumbnail, streamed, with Range and ETag; only for its participant and leaders. */
export default defineEventHandler(async (event) => {
  const { service, runs } = await useReadyApp()
  const run = await service.visibleRun(requireParam(event, 'id'), await runViewerOf(event))
  return serveRunMedia(event, runs.blobs, run.run_id, requireParam(event, 'file'))
})
