import { defineEventHandler, setResponseStatus } from 'h3'
import { GenerateRequest } from '#shared/schemas/run'
import { useReadyApp } from '../../../utils/app-context'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { requireParam } from '../../../utils/http/route-params'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** POST /api/runs/:id/generate: stages 3–4 with the chosen output; also retries a failed generation. */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const body = await readJsonBody(event, GenerateRequest)
  const { service } = await useReadyApp()
  await service.visibleRun(runId, await runViewerOf(event))
  const run = await service.generate(runId, body)
  setResponseStatus(event, 202)
  return { run_id: run.run_id, status: run.status }
})
