import { createError, defineEventHandler } from 'h3'
import { SessionPatch } from '#shared/schemas/session'
import { useReadyApp } from '../../../../utils/app-context'
import { requireLeader } from '../../../../utils/auth/leader'
import { readJsonBody } from '../../../../utils/http/read-json-body'
import { requireParam } from '../../../../utils/http/route-params'
import { assertKnownAllowances } from '../../../../utils/sessions/session-allowances'

/** PATCH /api/admin/sessions/:id: change any setting, open or close, archive, or draw a new join code. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const id = requireParam(event, 'id')
  const patch = await readJsonBody(event, SessionPatch)
  const { sessions, catalog, audit } = await useReadyApp()
  assertKnownAllowances(catalog, patch)
  const session = await sessions.update(id, patch)
  if (!session) throw createError({ statusCode: 404, statusMessage: `Unknown session "${id}"` })
  await audit.add({ actor: leader.name, action: 'session.update', session_id: id, detail: { changed: Object.keys(patch) } })
  return session
})
