import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { sendWithEtag } from '../../../utils/http/send-with-etag'
import { requireParam } from '../../../utils/http/route-params'
import { toRunStatusView } from '../../../utils/pipeline/run-status-view'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** GET /api/runs/:id: the run's status document, small and with an ETag, for polling; only for its participant and leaders. */
export default defineEventHandler(async (event) => {
  const { service, queue } = await useReadyApp()
  const run = await service.visibleRun(requireParam(event, 'id'), await runViewerOf(event))
  // Only a queued run has a place in the run queue; asking BullMQ reads its whole wait list from Redis.
  const position = run.status === 'queued' ? await queue.position(run.run_id) : null
  return sendWithEtag(event, toRunStatusView(run, position))
})
