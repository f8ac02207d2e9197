import type { H3Event } from 'h3'
import { z } from 'zod'
import { readJsonBody } from '../http/read-json-body'

const Body = z.object({ reason: z.string().trim().max(500, 'must be at most 500 characters').optional() }).strict()

/** Hide and unhide take an optional reason, so a request without a body is fine too. */
export async function readModerationReason(event: H3Event): Promise<string | null> {
  const headers = event.node.req.headers
  if (!headers['transfer-encoding'] && Number(headers['content-length'] ?? 0) === 0) return null
  const { reason } = await readJsonBody(event, Body)
  return reason || null
}
