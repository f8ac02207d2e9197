import { createError, type H3Event, setResponseHeader } from 'h3'
import type { z } from 'zod'

export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads a JSON body with a size limit, then validates it. Every way it can be wrong gets its own
 * status and a message that names the problem: 413 too big, 400 not JSON, 400 naming the field.
 */
export async function readJsonBody<T extends z.ZodType>(event: H3Event, schema: T): Promise<z.infer<T>> {
  const declared = Number(event.node.req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) throw tooLarge(event)
  const raw = await readLimited(event)
  let json: unknown
  try {
    json = JSON.parse(raw.toString('utf8') || 'null')
  }
  catch {
    throw createError({ statusCode: 400, statusMessage: 'The request body is not valid JSON' })
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw createError({ statusCode: 400, statusMessage: 'The request body must be a JSON object' })
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body')
  const status = issue.code === 'too_big' && issue.origin === 'string' ? 413 : 400
  throw createError({
    statusCode: status,
    statusMessage: `Invalid field "${field}": ${issue.message}`,
    data: { field, issues: parsed.error.issues.map(({ path, message }) => ({ field: path.join('.'), message })) },
  })
}

async function readLimited(event: H3Event): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of event.node.req) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw tooLarge(event)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** The rest of the body stays unread on the connection, so it must not be reused for the next request. */
function tooLarge(event: H3Event) {
  setResponseHeader(event, 'Connection', 'close')
  return createError({ statusCode: 413, statusMessage: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` })
}
