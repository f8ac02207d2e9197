import { getRequestHeader, type H3Event } from 'h3'

/** The client already holds this version: its If-None-Match lists the ETag. */
export function clientHasEtag(event: H3Event, etag: string): boolean {
  return getRequestHeader(event, 'if-none-match')?.split(/\s*,\s*/).includes(etag) ?? false
}
