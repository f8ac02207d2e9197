import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../utils/app-context'
import { participantIdOf } from '../../../utils/http/participant-cookie'
import { answeredNotModified, sendWithEtag } from '../../../utils/http/send-with-etag'
import { requireParam } from '../../../utils/http/route-params'
import { toRunStatusView } from '../../../utils/pipeline/run-status-view'
import { runViewerOf } from '../../../utils/sessions/current-participant'

/** GET /api/runs/:id: the run's status document, small and with an ETag, for polling; only for its participant and leaders. */
export default defineEventHandler(async (event) => {
  const { service, queue, hotPaths } = await useReadyApp()
  const runId = requireParam(event, 'id')
  const participantId = participantIdOf(event)
  // Most polls ask about a run that has not changed: memory answers 304 without reading storage.
  // A queued run's place in the queue changes without the run changing, so it is always read.
  const own = hotPaths.ownRun(runId, participantId)
  const knownEtag = own && own.status !== 'queued' ? hotPaths.pollEtag(own) : null
  if (knownEtag && answeredNotModified(event, knownEtag)) return null
  const viewer = await runViewerOf(event)
  const run = await service.visibleRun(runId, viewer)
  // Only a queued run has a place in the run queue; asking BullMQ reads its whole wait list from Redis.
  const position = run.status === 'queued' ? await queue.position(run.run_id) : null
  const answer = sendWithEtag(event, toRunStatusView(run, position))
  if (!viewer.leader && run.status !== 'queued') hotPaths.rememberPollEtag(run.run_id, run.updated_at, String(event.node.res.getHeader('etag')))
  return answer
})
