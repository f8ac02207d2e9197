import { z } from 'zod'
import { RunFilterQuery } from '../run-index/run-filter-query'

/** GET /api/admin/export: the run browser's filters, or an explicit list of run ids, and an id for progress. */
export const ExportQuery = RunFilterQuery.extend({
  ids: z.string().max(100_000).transform(value => value.split(',').map(id => id.trim()).filter(Boolean)).optional(),
  export_id: z.uuid().optional(),
})
export type ExportQuery = z.infer<typeof ExportQuery>
