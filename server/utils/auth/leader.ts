import { createError, getCookie, type H3Event } from 'h3'
import { useAppContext } from '../app-context'

export interface LeaderIdentity { name: string }

/** nuxt-auth-utils' cookie name (runtimeConfig.session.name). */
export const LEADER_SESSION_COOKIE = 'nuxt-session'

/**
 * The signed-in course leader, from the sealed session cookie; null for everyone else, and for a
 * session whose account no longer exists (a removed leader is signed out everywhere at once).
 */
export async function leaderOf(event: H3Event): Promise<LeaderIdentity | null> {
  // Reading a session that does not exist would start one and set a cookie on a student's iPad.
  if (!getCookie(event, LEADER_SESSION_COOKIE)) return null
  const session = await getUserSession(event)
  const name = session.user?.name
  if (typeof name !== 'string' || !name) return null
  return await useAppContext().leaders.get(name) ? { name } : null
}

/** Every admin route starts with this: 401 for anyone who is not a signed-in leader. No localhost shortcut. */
export async function requireLeader(event: H3Event): Promise<LeaderIdentity> {
  const leader = await leaderOf(event)
  if (!leader) throw createError({ statusCode: 401, statusMessage: 'Sign in as a course leader to do this' })
  return leader
}
