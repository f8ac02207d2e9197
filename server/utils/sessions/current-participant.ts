import { createError, type H3Event } from 'h3'
import type { Language } from '#shared/schemas/common'
import { type CourseSession, type Participant, STUDIO_SESSION_ID } from '#shared/schemas/session'
import { useAppContext } from '../app-context'
import { leaderOf } from '../auth/leader'
import { participantIdOf, setParticipantCookie } from '../http/participant-cookie'
import type { RunViewer } from '../pipeline/run-service'

/** The participant this device's cookie names, or null when it has not joined (or joined before sessions existed). */
export async function currentParticipant(event: H3Event): Promise<Participant | null> {
  const id = participantIdOf(event)
  return id ? useAppContext().participantStore.get(id) : null
}

/**
 * Joins `session`: the device keeps its participant (and gallery) when it is already in this
 * session, and becomes a new participant otherwise. A device from before sessions keeps its
 * id when it joins the open studio, so its earlier runs stay in its gallery.
 */
export async function joinSession(event: H3Event, session: CourseSession, language: Language): Promise<Participant> {
  const { participantStore } = useAppContext()
  const deviceId = participantIdOf(event)
  const current = deviceId ? await participantStore.get(deviceId) : null
  if (current && current.session_id === session.id) return current
  const keepId = deviceId && !current && session.id === STUDIO_SESSION_ID ? deviceId : undefined
  const participant = await participantStore.create(session.id, language, keepId)
  setParticipantCookie(event, participant.participant_id)
  return participant
}

/** For starting a run: the joined participant, or the open studio for a device that never joined, if the studio is open. */
export async function participantForNewRun(event: H3Event, language: Language): Promise<Participant> {
  const current = await currentParticipant(event)
  if (current) return current
  const studio = await useAppContext().sessions.get(STUDIO_SESSION_ID)
  if (!studio || !studio.open || studio.archived) {
    throw createError({ statusCode: 403, statusMessage: 'Join a course session with its code first', data: { reason: 'not_joined' } })
  }
  return joinSession(event, studio, language)
}

/** Who is asking about a run, for RunService.visibleRun. */
export async function runViewerOf(event: H3Event): Promise<RunViewer> {
  return { participantId: participantIdOf(event), leader: (await leaderOf(event)) !== null }
}
