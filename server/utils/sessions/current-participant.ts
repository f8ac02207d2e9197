import { createError, type H3Event } from 'h3'
import type { Language } from '#shared/schemas/common'
import type { CourseSession, Participant } from '#shared/schemas/session'
import { useAppContext } from '../app-context'
import { leaderOf } from '../auth/leader'
import { participantIdOf, setParticipantCookie } from '../http/participant-cookie'
import type { RunViewer } from '../pipeline/run-service'

/**
 * The participant this device's cookie names, or null when it has not joined. Only ids the server
 * made count: a cookie naming no stored participant (made up by the client) is not believed.
 */
export async function currentParticipant(event: H3Event): Promise<Participant | null> {
  const id = participantIdOf(event)
  return id ? useAppContext().participantStore.get(id) : null
}

/**
 * Joins `session`: the device keeps its participant (its gallery and its limits) when it is
 * already in this session, and becomes a new participant otherwise, under an id the server
 * draws: an id the client brings is never taken over, so nobody can plant one on a device.
 */
export async function joinSession(event: H3Event, session: CourseSession, language: Language): Promise<Participant> {
  const current = await currentParticipant(event)
  if (current && current.session_id === session.id) return current
  const participant = await useAppContext().participantStore.create(session.id, language)
  setParticipantCookie(event, participant.participant_id)
  return participant
}

/** For starting a run: the joined participant; a device that never joined (the open studio too) is refused. */
export async function participantForNewRun(event: H3Event): Promise<Participant> {
  const current = await currentParticipant(event)
  if (current) return current
  throw createError({ statusCode: 403, statusMessage: 'Join a course session with its code, or the open studio, first', data: { reason: 'not_joined' } })
}

/** Who is asking about a run, for RunService.visibleRun. */
export async function runViewerOf(event: H3Event): Promise<RunViewer> {
  return { participantId: participantIdOf(event), leader: (await leaderOf(event)) !== null }
}
