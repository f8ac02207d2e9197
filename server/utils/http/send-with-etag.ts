import { createHash } from 'node:crypto'
import { type H3Event, setResponseHeader, setResponseStatus } from 'h3'
import { clientHasEtag } from './etag'

/**
 * Answers JSON with a weak ETag, or 304 with no body when the client already has it:
 * thirty iPads polling a run mostly get 304s.
 */
export function sendWithEtag(event: H3Event, body: unknown): string | null {
  const json = JSON.stringify(body)
  const etag = `W/"${createHash('sha1').update(json).digest('base64url')}"`
  if (answeredNotModified(event, etag)) return null
  setResponseHeader(event, 'Content-Type', 'application/json; charset=utf-8')
  return json
}

/** Sets the validator headers; true (and status 304) when the client already holds `etag`. */
export function answeredNotModified(event: H3Event, etag: string): boolean {
  setResponseHeader(event, 'ETag', etag)
  setResponseHeader(event, 'Cache-Control', 'no-cache')
  if (!clientHasEtag(event, etag)) return false
  setResponseStatus(event, 304)
  return true
}
