import { defineEventHandler } from 'h3'
import { useAppContext } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'
import { toAdminRunRows } from '../../../utils/run-index/admin-run-rows'
import { RunListQuery, toRunFilter } from '../../../utils/run-index/run-filter-query'
import { readRunQuery } from '../../../utils/run-index/read-run-query'

/** GET /api/admin/runs: runs across sessions, newest first, filtered and a page at a time, from the run index. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { offset, limit, ...filters } = readRunQuery(event, RunListQuery)
  const { index } = useAppContext()
  await index.ready
  const { rows, total } = index.query(toRunFilter(filters), { offset, limit })
  return { runs: await toAdminRunRows(rows), total, offset, limit }
})
