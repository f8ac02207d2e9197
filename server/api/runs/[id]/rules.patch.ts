import { defineEventHandler, setResponseStatus } from 'h3'
import { RulesEdit } from '#shared/schemas/run'
import { useReadyApp } from '../../../utils/app-context'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { requireParam } from '../../../utils/http/route-params'
import { withStorageFailures } from '../../../utils/http/storage-failure'
import { toRunStatusView } from '../../../utils/pipeline/run-status-view'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/**
 * PATCH /api/runs/:id/rules: "same idea, changed rules". The student's rules are checked (422 with
 * the child's message keeps the old ones), kept in the prompt history, and the idea is transformed
 * again (202; the run waits at awaiting_output once more). Counts against the address's run rate.
 */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const { rules } = await readJsonBody(event, RulesEdit)
  const { service, addressLimiter } = await useReadyApp()
  // Only the student who made the run changes its rules: the history says "student".
  await service.visibleRun(runId, { ...await runViewerOf(event), leader: false })
  await addressLimiter.spend(event, 'run')
  const run = await withStorageFailures(() => service.changeRules(runId, rules))
  setResponseStatus(event, 202)
  return toRunStatusView(run, null)
})
