import { setTimeout as sleep } from 'node:timers/promises'
import { createError, getRequestIP, type H3Event, setResponseHeader } from 'h3'
import type { LeaderStore, LeaderSummary } from './leader-store'
import type { LoginLimiter } from './login-limiter'

/**
 * Checks a leader's password against the limits and the accounts: for signing in and for
 * changing a password alike. Wrong name and wrong password get the same answer and count alike.
 */
export async function checkPassword(event: H3Event, { leaders, limiter }: { leaders: LeaderStore, limiter: LoginLimiter }, name: string, password: string): Promise<LeaderSummary> {
  // The socket address, not X-Forwarded-For: a client could write any address into that header.
  const attempt = { address: getRequestIP(event) ?? 'unknown', name }
  const wait = await limiter.retryAfter(attempt)
  if (wait > 0) {
    setResponseHeader(event, 'Retry-After', wait)
    throw createError({ statusCode: 429, statusMessage: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minutes.`, data: { retry_after: wait } })
  }
  await sleep(await limiter.delayMs(name))
  const leader = await leaders.verify(name, password)
  if (!leader) {
    await limiter.fail(attempt)
    throw createError({ statusCode: 401, statusMessage: 'Name or password is wrong' })
  }
  await limiter.succeed(attempt)
  return leader
}
