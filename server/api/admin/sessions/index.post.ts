import { defineEventHandler, setResponseStatus } from 'h3'
import { SessionCreate } from '#shared/schemas/session'
import { useReadyApp } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'
import { readJsonBody } from '../../../utils/http/read-json-body'
import { assertKnownAllowances } from '../../../utils/sessions/session-allowances'

/** POST /api/admin/sessions: a leader opens a new course session with a fresh join code. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const body = await readJsonBody(event, SessionCreate)
  const { sessions, catalog, audit } = await useReadyApp()
  assertKnownAllowances(catalog, body)
  const session = await sessions.create(body, leader.name)
  await audit.add({ actor: leader.name, action: 'session.create', session_id: session.id, detail: { name: session.name } })
  setResponseStatus(event, 201)
  return session
})
