import { defineEventHandler, setResponseStatus } from 'h3'
import { GenerateRequest } from '#shared/schemas/run'
import { useReadyApp } from '../../../utils/app-context'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { withStorageFailures } from '../../../utils/http/storage-failure'
import { requireParam } from '../../../utils/http/route-params'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** POST /api/runs/:id/generate: stages 3–4 with the chosen output; also retries a failed generation; 507 on a full disk. */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const body = await readJsonBody(event, GenerateRequest)
  const { service, diskGuard } = await useReadyApp()
  await service.visibleRun(runId, await runViewerOf(event))
  // Generating writes the media: refused, like a new run, when the disk is almost full.
  await diskGuard.assertRoom()
  const run = await withStorageFailures(() => service.generate(runId, body))
  setResponseStatus(event, 202)
  return { run_id: run.run_id, status: run.status }
})
