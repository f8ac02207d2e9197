import { createError, getQuery, type H3Event } from 'h3'
import type { z } from 'zod'
import { withoutEmpty } from './run-filter-query'

/** Validates the query string like readJsonBody does bodies: 400 naming the parameter. */
export function readRunQuery<T extends z.ZodType>(event: H3Event, schema: T): z.infer<T> {
  const parsed = schema.safeParse(withoutEmpty(getQuery(event)))
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = issue.path.join('.') || 'query'
  throw createError({
    statusCode: 400,
    statusMessage: `Invalid query parameter "${field}": ${issue.message}`,
    data: { field, issues: parsed.error.issues.map(({ path, message }) => ({ field: path.join('.'), message })) },
  })
}
