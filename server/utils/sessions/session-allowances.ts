import type { H3Event } from 'h3'
import { STUDIO_SESSION_ID } from '#shared/schemas/session'
import { useAppContext } from '../app-context'
import { currentParticipant } from './current-participant'

/**
 * The perspectives and outputs offered to this device: its session's, or the open studio's
 * before it joined (that is where its first run would go). Null means all.
 */
export async function currentSessionAllowances(event: H3Event): Promise<{ perspectives: string[] | null, outputs: string[] | null }> {
  const participant = await currentParticipant(event)
  const session = await useAppContext().sessions.get(participant?.session_id ?? STUDIO_SESSION_ID)
  return { perspectives: session?.perspectives ?? null, outputs: session?.outputs ?? null }
}
