import { z } from 'zod'
import type { RunMetadata } from '#shared/schemas/run'
import { RunStatus } from '#shared/schemas/run'
import { SafetyLevel } from '#shared/schemas/common'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const IsoDateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], 'must be an ISO date or date-time')

/** The run browser's filters (GET /api/admin/runs), as the export accepts them too. */
export const RunFilter = z.object({
  from: IsoDateOrDateTime.optional(),
  to: IsoDateOrDateTime.optional(),
  session_id: z.string().min(1).max(64).optional(),
  perspective: z.string().min(1).max(64).optional(),
  status: RunStatus.optional(),
  safety_level: SafetyLevel.optional(),
  q: z.string().trim().max(200).optional(),
  hidden: z.enum(['true', 'false']).transform(value => value === 'true').optional(),
})
export type RunFilter = z.infer<typeof RunFilter>

/** `from` and `to` as instants; a date-only `to` includes that whole day (UTC). */
function bounds(filter: RunFilter): { from: number, to: number } {
  const from = filter.from ? Date.parse(filter.from) : -Infinity
  let to = filter.to ? Date.parse(filter.to) : Infinity
  if (filter.to && DATE_ONLY.test(filter.to)) to += 24 * 60 * 60 * 1000 - 1
  return { from, to }
}

/** The same test the run browser applies, on full metadata (the scan before the run index exists). */
export function runMatcher(filter: RunFilter): (run: RunMetadata) => boolean {
  const { from, to } = bounds(filter)
  const q = filter.q?.toLocaleLowerCase()
  return (run) => {
    const created = Date.parse(run.created_at)
    if (created < from || created > to) return false
    if (filter.session_id !== undefined && run.session_id !== filter.session_id) return false
    if (filter.perspective !== undefined && run.perspective !== filter.perspective) return false
    if (filter.status !== undefined && run.status !== filter.status) return false
    if (filter.safety_level !== undefined && run.safety_level !== filter.safety_level) return false
    if (filter.hidden !== undefined && (run.hidden ?? false) !== filter.hidden) return false
    if (q && !`${run.input_text}\n${run.interception_text ?? ''}`.toLocaleLowerCase().includes(q)) return false
    return true
  }
}
