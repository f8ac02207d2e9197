import { createError, type H3Event } from 'h3'

export interface LeaderIdentity { name: string }

/** The signed-in course leader, from the sealed session cookie; null for everyone else. */
export async function leaderOf(event: H3Event): Promise<LeaderIdentity | null> {
  const session = await getUserSession(event)
  const name = session.user?.name
  return typeof name === 'string' && name ? { name } : null
}

/** Every admin route starts with this: 401 for anyone who is not a signed-in leader. No localhost shortcut. */
export async function requireLeader(event: H3Event): Promise<LeaderIdentity> {
  const leader = await leaderOf(event)
  if (!leader) throw createError({ statusCode: 401, statusMessage: 'Sign in as a course leader to do this' })
  return leader
}
