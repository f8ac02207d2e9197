import { createError, defineEventHandler } from 'h3'
import { MediaType } from '#shared/schemas/common'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'
import { runViewerOf } from '../../../utils/sessions/current-participant'
import { serveRunMedia } from '../../../utils/media/serve-run-media'

/** GET|HEAD /api/media/<type>/:run_id (any medium of media/server-registry.ts, 3D models too): compatibility route for a run's first output of that type. */
export default defineEventHandler(async (event) => {
  const type = MediaType.safeParse(requireParam(event, 'type'))
  if (!type.success) throw createError({ statusCode: 404, statusMessage: `Unknown media type "${requireParam(event, 'type')}"` })
  const { service, runs } = await useReadyApp()
  const run = await service.visibleRun(requireParam(event, 'run_id'), await runViewerOf(event))
  const output = run.outputs.find(candidate => candidate.type === type.data)
  if (!output) throw createError({ statusCode: 404, statusMessage: `Run "${run.run_id}" has no ${type.data}` })
  return serveRunMedia(event, runs.blobs, run.run_id, output.filename)
})
