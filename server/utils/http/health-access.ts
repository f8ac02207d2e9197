import { timingSafeEqual } from 'node:crypto'
import { getRequestHeader, type H3Event } from 'h3'
import { leaderOf } from '../auth/leader'

/**
 * Whether /api/health may show its details (paths, host name, pid, instances): to a signed-in
 * leader, or to monitoring that sends NUXT_HEALTH_TOKEN as `Authorization: Bearer …`.
 */
export async function mayReadHealthDetails(event: H3Event, healthToken: string): Promise<boolean> {
  const bearer = /^Bearer (.+)$/i.exec(getRequestHeader(event, 'authorization') ?? '')?.[1]
  if (healthToken && bearer && sameText(bearer, healthToken)) return true
  return (await leaderOf(event)) !== null
}

function sameText(a: string, b: string) {
  const [left, right] = [Buffer.from(a), Buffer.from(b)]
  return left.length === right.length && timingSafeEqual(left, right)
}
