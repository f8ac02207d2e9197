import { createError, type H3Event } from 'h3'
import { useAppContext } from '../app-context'
import { leaderTokenOf } from './leader-cookie'

export interface LeaderIdentity { name: string }

/**
 * The signed-in course leader, from the session the cookie names; null for everyone else, for an
 * ended or expired session, and for a session whose account no longer exists.
 */
export async function leaderOf(event: H3Event): Promise<LeaderIdentity | null> {
  const token = leaderTokenOf(event)
  if (!token) return null
  const { leaderSessions, leaders } = useAppContext()
  const name = await leaderSessions.leaderOf(token)
  if (!name) return null
  return await leaders.get(name) ? { name } : null
}

/** Every admin route starts with this: 401 for anyone who is not a signed-in leader. No localhost shortcut. */
export async function requireLeader(event: H3Event): Promise<LeaderIdentity> {
  const leader = await leaderOf(event)
  if (!leader) throw createError({ statusCode: 401, statusMessage: 'Sign in as a course leader to do this' })
  return leader
}
