import { getCookie, getRequestProtocol, type H3Event, setCookie } from 'h3'
import { isParticipantId } from '../storage/participant-runs'

export const PARTICIPANT_COOKIE = 'ai4a_participant'

/**
 * The device's participant id from its http-only cookie, or null. No name, no personal data:
 * it only ties a student's runs to their own gallery.
 */
export function participantIdOf(event: H3Event): string | null {
  const current = getCookie(event, PARTICIPANT_COOKIE)
  return current && isParticipantId(current) ? current : null
}

export function setParticipantCookie(event: H3Event, participantId: string) {
  setCookie(event, PARTICIPANT_COOKIE, participantId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    secure: getRequestProtocol(event, { xForwardedProto: true }) === 'https',
  })
}
