import { defineEventHandler, getValidatedQuery } from 'h3'
import { z } from 'zod'
import type { WallItem } from '#shared/admin-views'
import { useReadyApp } from '../../../../utils/app-context'
import { requireLeader } from '../../../../utils/auth/leader'
import { requireParam } from '../../../../utils/http/route-params'
import { requireSession } from '../../../../utils/sessions/session-store'
import { sendWithEtag } from '../../../../utils/http/send-with-etag'
import { toAdminRunRows } from '../../../../utils/run-index/admin-run-rows'

const Query = z.object({ limit: z.coerce.number().int().min(1).max(200).default(60) })

/** GET /api/admin/sessions/:id/wall: the newest finished outputs for the projector; hidden runs never. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const id = requireParam(event, 'id')
  const { limit } = await getValidatedQuery(event, Query.parse)
  const { sessions, index } = await useReadyApp()
  await requireSession(sessions, id)
  await index.ready
  const { rows } = index.query({ session_id: id, status: 'completed', hidden: false }, { offset: 0, limit })
  const items: WallItem[] = (await toAdminRunRows(rows)).flatMap(row => row.media_url && row.output_type
    ? [{ run_id: row.run_id, created_at: row.created_at, perspective: row.perspective, output_type: row.output_type, media_url: row.media_url, thumbnail_url: row.thumbnail_url, interception_text: row.interception_text, pseudonym: row.pseudonym, input_images: row.input_images }]
    : [])
  return sendWithEtag(event, { runs: items })
})
