import { createError, defineEventHandler, getQuery } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { requireParam } from '../../../utils/http/route-params'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/**
 * GET /api/runs/:id/machine-text?output=<id>: what the generator will receive for this output,
 * translated where it needs English, answered only after it passed the pre-output check (422 with
 * the child's message otherwise). The student edits it and sends it with POST …/generate as
 * `machine_text`. Translating may use a backend, so it counts against the address's run rate.
 */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const output = getQuery(event).output
  if (typeof output !== 'string' || output.length === 0 || output.length > 64) {
    throw createError({ statusCode: 400, statusMessage: 'Name the output in "?output=", e.g. ?output=image_builtin' })
  }
  const { service, addressLimiter } = await useReadyApp()
  await service.visibleRun(runId, { ...await runViewerOf(event), leader: false })
  await addressLimiter.spend(event, 'run')
  return service.machineText(runId, output)
})
