import { defineEventHandler } from 'h3'
import { InterceptionEdit } from '#shared/schemas/run'
import { useReadyApp } from '../../../utils/app-context'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { requireParam } from '../../../utils/http/route-params'
import { toRunStatusView } from '../../../utils/pipeline/run-status-view'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** PATCH /api/runs/:id/interception: the student's edit of the transformed text, kept in the history. */
export default defineEventHandler(async (event) => {
  const runId = requireParam(event, 'id')
  const { text } = await readJsonBody(event, InterceptionEdit)
  const { service } = await useReadyApp()
  await service.visibleRun(runId, await runViewerOf(event))
  return toRunStatusView(await service.editInterception(runId, text), null)
})
