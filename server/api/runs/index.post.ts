import { defineEventHandler, setResponseStatus } from 'h3'
import { CreateRunRequest } from '#shared/schemas/run'
import { useReadyApp } from '../../utils/app-context'
import { participantForNewRun } from '../../utils/sessions/current-participant'
import { readJsonBody } from '../../utils/http/read-json-body'
import { withStorageFailures } from '../../utils/http/storage-failure'

/**
 * POST /api/runs: starts a run for the device's participant (it must have joined). Stages 1–2 run
 * in the background and the run waits at awaiting_output; if the request names an output, all
 * four stages run. Answers 202 at once; 429 past the address's run rate, 507 on a full disk.
 */
export default defineEventHandler(async (event) => {
  const body = await readJsonBody(event, CreateRunRequest)
  const { service, addressLimiter, diskGuard } = await useReadyApp()
  const participant = await participantForNewRun(event)
  await diskGuard.assertRoom()
  await addressLimiter.spend(event, 'run')
  const run = await withStorageFailures(() => service.create(body, participant))
  setResponseStatus(event, 202)
  return { run_id: run.run_id, status: run.status }
})
