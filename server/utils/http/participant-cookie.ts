import { randomUUID } from 'node:crypto'
import { getCookie, getRequestProtocol, type H3Event, setCookie } from 'h3'
import { isParticipantId } from '../storage/participant-runs'

export const PARTICIPANT_COOKIE = 'ai4a_participant'

/**
 * The device's participant id: a random id in an http-only cookie, created on first use.
 * No name, no personal data: it only ties a student's runs to their own gallery.
 */
export function participantOf(event: H3Event): string {
  const current = getCookie(event, PARTICIPANT_COOKIE)
  if (current && isParticipantId(current)) return current
  const id = randomUUID()
  setCookie(event, PARTICIPANT_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    secure: getRequestProtocol(event, { xForwardedProto: true }) === 'https',
  })
  return id
}
