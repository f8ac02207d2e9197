import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../../utils/app-context'
import { participantIdOf } from '../../../../utils/http/participant-cookie'
import { requireParam } from '../../../../utils/http/route-params'
import { serveRunMedia } from '../../../../utils/media/serve-run-media'
import { runViewerOf } from '../../../../utils/sessions/current-participant'

/** GET|HEAD /api/runs/:id/media/:file: an output or thumbnail, streamed, with Range and ETag; only for its participant and leaders. */
export default defineEventHandler(async (event) => {
  const { service, runs, hotPaths } = await useReadyApp()
  const runId = requireParam(event, 'id')
  const file = requireParam(event, 'file')
  // A student's own finished picture: who may see it and its stat come from memory.
  const own = hotPaths.ownCompletedRun(runId, participantIdOf(event))
  const stat = own && await hotPaths.publishedFileStat(own, file)
  if (stat) return serveRunMedia(event, runs.blobs, runId, file, async () => stat)
  const run = await service.visibleRun(runId, await runViewerOf(event))
  return serveRunMedia(event, runs.blobs, run.run_id, file)
})
