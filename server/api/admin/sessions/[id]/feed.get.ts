import { defineEventHandler, getValidatedQuery } from 'h3'
import { z } from 'zod'
import { useReadyApp } from '../../../../utils/app-context'
import { requireLeader } from '../../../../utils/auth/leader'
import { requireParam } from '../../../../utils/http/route-params'
import { requireSession } from '../../../../utils/sessions/session-store'
import { sendWithEtag } from '../../../../utils/http/send-with-etag'
import { toAdminRunRows } from '../../../../utils/run-index/admin-run-rows'

const Query = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })

/** GET /api/admin/sessions/:id/feed: the session's newest runs and its counts; polled every second, so it answers 304 while nothing changed. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const id = requireParam(event, 'id')
  const { limit } = await getValidatedQuery(event, Query.parse)
  const { sessions, index } = await useReadyApp()
  await requireSession(sessions, id)
  await index.ready
  const { rows } = index.query({ session_id: id }, { offset: 0, limit })
  return sendWithEtag(event, { runs: await toAdminRunRows(rows), counts: index.counts({ session_id: id }) })
})
