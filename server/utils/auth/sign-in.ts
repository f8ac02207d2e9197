import { createError, getRequestIP, type H3Event, setResponseHeader } from 'h3'
import type { LeaderStore, LeaderSummary } from './leader-store'
import type { LoginLimiter } from './login-limiter'

/**
 * Checks a sign-in attempt against the rate limits and the leader accounts. Wrong name and wrong
 * password get the same answer, and both count against the client address and the name.
 */
export async function signIn(event: H3Event, { leaders, limiter }: { leaders: LeaderStore, limiter: LoginLimiter }, name: string, password: string): Promise<LeaderSummary> {
  // The socket address, not X-Forwarded-For: a client could write any address into that header.
  const keys = [`ip:${getRequestIP(event) ?? 'unknown'}`, `name:${name}`]
  const wait = await limiter.retryAfter(keys)
  if (wait > 0) {
    setResponseHeader(event, 'Retry-After', wait)
    throw createError({ statusCode: 429, statusMessage: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minutes.`, data: { retry_after: wait } })
  }
  const leader = await leaders.verify(name, password)
  if (!leader) {
    await limiter.fail(keys)
    throw createError({ statusCode: 401, statusMessage: 'Name or password is wrong' })
  }
  await limiter.succeed(keys)
  await replaceUserSession(event, { user: { name: leader.name } })
  return leader
}
