import { createError, defineEventHandler } from 'h3'
import { z } from 'zod'
import { isJoinCode, normaliseJoinCode } from '#shared/join-code'
import { participantOf } from '../utils/http/participant-cookie'
import { readJsonBody } from '../utils/http/read-json-body'
import { STUDIO_SESSION_ID } from '../utils/pipeline/run-service'

const JoinRequest = z.object({ code: z.string().max(32).optional() }).strict()

/**
 * POST /api/join: a device joins a session. Without a code it joins the open studio; course
 * sessions with join codes come with the course leaders' admin page, so any code is unknown for now.
 */
export default defineEventHandler(async (event) => {
  const { code } = await readJsonBody(event, JoinRequest)
  if (code !== undefined) {
    const normalised = normaliseJoinCode(code)
    if (!isJoinCode(normalised)) throw createError({ statusCode: 400, statusMessage: `"${code}" is not a join code: it has 6 letters and digits` })
    throw createError({ statusCode: 404, statusMessage: `No course session has the code ${normalised}` })
  }
  participantOf(event)
  return { session: { id: STUDIO_SESSION_ID, name: { de: 'Offenes Atelier', en: 'Open studio' } } }
})
