import { z } from 'zod'
import { SafetyLevel } from '#shared/schemas/common'
import { RunStatus } from '#shared/schemas/run'
import type { RunFilter } from './run-filter'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** A date (whole UTC day) or an ISO datetime with offset; `endOfDay` makes a bare `to` date include that day. */
const When = (endOfDay: boolean) => z.string().refine(
  value => DATE.test(value) ? !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) : z.iso.datetime({ offset: true }).safeParse(value).success,
  'must be a date (YYYY-MM-DD) or an ISO date and time',
).transform(value => DATE.test(value)
  ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`
  : new Date(value).toISOString())

/** The run filters as query parameters, shared by the run list and the export. */
export const RunFilterQuery = z.object({
  from: When(false).optional(),
  to: When(true).optional(),
  session_id: z.string().min(1).max(64).optional(),
  perspective: z.string().min(1).max(64).optional(),
  status: RunStatus.optional(),
  safety_level: SafetyLevel.optional(),
  q: z.string().max(200).optional(),
  hidden: z.enum(['true', 'false']).transform(value => value === 'true').optional(),
  participant_id: z.string().min(1).max(64).optional(),
})

export const RunListQuery = RunFilterQuery.extend({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/** Drops empty parameters (`?q=` from a cleared form field) before validation. */
export function withoutEmpty(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '' && value !== undefined))
}

export function toRunFilter(query: z.infer<typeof RunFilterQuery>): RunFilter {
  const { from, to, session_id, perspective, status, safety_level, q, hidden, participant_id } = query
  const filter: RunFilter = { from, to, session_id, perspective, status, safety_level, q: q?.trim() || undefined, hidden, participant_id }
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as RunFilter
}
