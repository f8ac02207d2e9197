import { createError, defineEventHandler } from 'h3'
import { PseudonymChange } from '#shared/schemas/session'
import { useReadyApp } from '../../utils/app-context'
import { readJsonBody } from '../../utils/http/read-json-body'
import { participantIdOf } from '../../utils/http/participant-cookie'

/** PATCH /api/me: the student changes their pseudonym. */
export default defineEventHandler(async (event) => {
  const { pseudonym } = await readJsonBody(event, PseudonymChange)
  const { participantStore } = await useReadyApp()
  const id = participantIdOf(event)
  const participant = id ? await participantStore.rename(id, pseudonym) : null
  if (!participant) throw createError({ statusCode: 404, statusMessage: 'This device has not joined a session yet' })
  return { participant: { pseudonym: participant.pseudonym } }
})
