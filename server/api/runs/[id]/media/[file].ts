import { createError, defineEventHandler } from 'h3'
import { useReadyApp } from '../../../../utils/app-context'
import { isReleasedMedia } from '../../../../utils/media/released-media'
import { participantIdOf } from '../../../../utils/http/participant-cookie'
import { requireParam } from '../../../../utils/http/route-params'
import { serveRunMedia } from '../../../../utils/media/serve-run-media'
import { runViewerOf } from '../../../../utils/sessions/current-participant'

/**
 * GET|HEAD /api/runs/:id/media/:file: an output or thumbnail, streamed, with Range and ETag; only for
 * its participant and leaders. Students get only what the picture check released.
 */
export default defineEventHandler(async (event) => {
  const { service, runs, hotPaths } = await useReadyApp()
  const runId = requireParam(event, 'id')
  const file = requireParam(event, 'file')
  // A student's own finished run: who may see it and its released files' stat come from memory.
  const own = hotPaths.ownCompletedRun(runId, participantIdOf(event))
  const stat = own && await hotPaths.publishedFileStat(own, file)
  if (stat) return serveRunMedia(event, runs.blobs, runId, file, async () => stat)
  const viewer = await runViewerOf(event)
  const run = await service.visibleRun(runId, viewer)
  if (!viewer.leader && !isReleasedMedia(run, file)) throw createError({ statusCode: 404, statusMessage: `No media file "${file}" in run "${run.run_id}"` })
  return serveRunMedia(event, runs.blobs, run.run_id, file)
})
