import { createError, getRouterParam, type H3Event } from 'h3'

/** A path parameter, decoded; routes validate its shape through the owning util. */
export function requireParam(event: H3Event, name: string): string {
  const value = getRouterParam(event, name, { decode: true })
  if (!value) throw createError({ statusCode: 400, statusMessage: `Missing path parameter "${name}"` })
  return value
}
