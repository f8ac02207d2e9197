import { createError, defineEventHandler } from 'h3'
import { z } from 'zod'
import { isJoinCode, normaliseJoinCode } from '#shared/join-code'
import { Language } from '#shared/schemas/common'
import { STUDIO_SESSION_ID } from '#shared/schemas/session'
import { useReadyApp } from '../utils/app-context'
import { readJsonBody } from '../utils/http/read-json-body'
import { withStorageFailures } from '../utils/http/storage-failure'
import { joinSession } from '../utils/sessions/current-participant'
import { publicSessionView } from '../utils/sessions/session-views'

const JoinRequest = z.object({ code: z.string().max(32).optional(), language: Language.optional() }).strict()

/**
 * POST /api/join: a device joins a course session by its code, or the open studio without one.
 * It becomes a participant with a made-up pseudonym; nothing about the child is asked. Joins and
 * wrong codes are limited per address, so codes cannot be guessed by trying them all.
 */
export default defineEventHandler(async (event) => {
  const { code, language } = await readJsonBody(event, JoinRequest)
  const { sessions, settings, addressLimiter } = await useReadyApp()
  await addressLimiter.spend(event, 'join')
  let session
  if (code !== undefined) {
    const normalised = normaliseJoinCode(code)
    if (!isJoinCode(normalised)) throw createError({ statusCode: 400, statusMessage: `"${code}" is not a join code: it has 6 letters and digits`, data: { field: 'code' } })
    await addressLimiter.assertLeft(event, 'failed_code')
    session = await sessions.byJoinCode(normalised)
    if (!session || session.archived) {
      await addressLimiter.count(event, 'failed_code')
      throw createError({ statusCode: 404, statusMessage: `No course session has the code ${normalised}` })
    }
  }
  else {
    session = await sessions.get(STUDIO_SESSION_ID)
    if (!session || !session.open || session.archived) {
      throw createError({ statusCode: 403, statusMessage: 'The open studio is closed. Join with the code from your course leader.', data: { reason: 'studio_closed' } })
    }
  }
  const participant = await withStorageFailures(() => joinSession(event, session, language ?? settings.defaultLanguage))
  return { session: publicSessionView(session), participant: { pseudonym: participant.pseudonym } }
})
