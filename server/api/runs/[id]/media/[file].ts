import { createError, defineEventHandler } from 'h3'
import { useReadyApp } from '../../../../utils/app-context'
import { isReleasedMedia } from '../../../../utils/media/released-media'
import { serveRunMedia } from '../../../../utils/media/serve-run-media'
import { requireParam } from '../../../../utils/http/route-params'
import { runViewerOf } from '../../../../utils/sessions/current-participant'

/**
 * GET|HEAD /api/runs/:id/media/:file: an output or thumbnail, streamed, with Range and ETag; only for
 * its participant and leaders. Students get only what the picture check released.
 */
export default defineEventHandler(async (event) => {
  const { service, runs } = await useReadyApp()
  const viewer = await runViewerOf(event)
  const run = await service.visibleRun(requireParam(event, 'id'), viewer)
  const file = requireParam(event, 'file')
  if (!viewer.leader && !isReleasedMedia(run, file)) throw createError({ statusCode: 404, statusMessage: `No media file "${file}" in run "${run.run_id}"` })
  return serveRunMedia(event, runs.blobs, run.run_id, file)
})
