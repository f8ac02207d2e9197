import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../utils/app-context'
import { currentParticipant } from '../../utils/sessions/current-participant'
import { publicSessionView } from '../../utils/sessions/session-views'

/** GET /api/me: this device's pseudonym and session, or `participant: null` before it joined. */
export default defineEventHandler(async (event) => {
  const { sessions } = await useReadyApp()
  const participant = await currentParticipant(event)
  const session = participant ? await sessions.get(participant.session_id) : null
  if (!participant || !session) return { participant: null, session: null }
  return { participant: { pseudonym: participant.pseudonym }, session: publicSessionView(session) }
})
