import { createError, defineEventHandler, setResponseHeaders } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'
import { currentSketch } from '../../../utils/pipeline/sketch-edits'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** GET /api/runs/:id/sketch: the sketch's code as last saved (or generated), once its check released it. */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const { service, runs } = await useReadyApp()
  const run = await service.visibleRun(runId, await runViewerOf(event))
  const sketch = await currentSketch(runs, run)
  if (!sketch) throw createError({ statusCode: 404, statusMessage: `Run "${run.run_id}" has no sketch` })
  setResponseHeaders(event, { 'Cache-Control': 'private, no-store' })
  return sketch
})
