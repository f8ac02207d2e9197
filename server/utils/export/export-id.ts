import { createHmac, randomBytes } from 'node:crypto'

/**
 * The participant id is the value of the device cookie, so it never leaves the server. An export
 * names each participant by an HMAC of that id under a key made for this export and then
 * forgotten: runs of one device stay linked inside one export, but two exports cannot be joined
 * and nobody can get back to the cookie.
 */
export function participantExportIds(): (participantId: string | null) => string | null {
  const key = randomBytes(32)
  return participantId => participantId === null ? null : createHmac('sha256', key).update(participantId).digest('hex').slice(0, 16)
}
