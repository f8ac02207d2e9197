import { defineEventHandler, setResponseStatus } from 'h3'
import { CreateRunRequest } from '#shared/schemas/run'
import { useReadyApp } from '../../utils/app-context'
import { participantForNewRun } from '../../utils/sessions/current-participant'
import { readJsonBody } from '../../utils/http/read-json-body'

/**
 * POST /api/runs: starts a run. Stages 1–2 run in the background and the run waits at
 * awaiting_output; if the request names an output, all four stages run. Answers 202 at once.
 */
export default defineEventHandler(async (event) => {
  const body = await readJsonBody(event, CreateRunRequest)
  const { service, settings } = await useReadyApp()
  const participant = await participantForNewRun(event, body.language ?? settings.defaultLanguage)
  const run = await service.create(body, participant)
  setResponseStatus(event, 202)
  return { run_id: run.run_id, status: run.status }
})
