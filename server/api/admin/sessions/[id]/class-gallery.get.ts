import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../../utils/app-context'
import { requireLeader } from '../../../../utils/auth/leader'
import { CLASS_GALLERY_LIMIT } from '../../../../utils/class-gallery/class-gallery'
import { requireParam } from '../../../../utils/http/route-params'
import { sendWithEtag } from '../../../../utils/http/send-with-etag'
import { toAdminRunRows } from '../../../../utils/run-index/admin-run-rows'
import { requireSession } from '../../../../utils/sessions/session-store'

/** GET /api/admin/sessions/:id/class-gallery: what the session's students see in their class gallery, and what they suggested for it. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const id = requireParam(event, 'id')
  const { sessions, index } = await useReadyApp()
  await requireSession(sessions, id)
  await index.ready
  const page = { offset: 0, limit: CLASS_GALLERY_LIMIT }
  const published = index.query({ session_id: id, published: true }, page).rows
  const suggested = index.query({ session_id: id, suggested: true, published: false, hidden: false }, page).rows
  return sendWithEtag(event, { published: await toAdminRunRows(published), suggested: await toAdminRunRows(suggested) })
})
