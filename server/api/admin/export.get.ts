import { randomUUID } from 'node:crypto'
import { defineEventHandler } from 'h3'
import { useAppContext } from '../../utils/app-context'
import { requireLeader } from '../../utils/auth/leader'
import { ExportQuery } from '../../utils/export/export-query'
import { toRunFilter } from '../../utils/run-index/run-filter-query'
import { readRunQuery } from '../../utils/run-index/read-run-query'
import { selectFilteredRuns, selectListedRuns } from '../../utils/export/run-selection'
import { sendExport } from '../../utils/export/send-export'

/**
 * GET /api/admin/export?<run browser filters>|ids=<id,id,...>&export_id=<uuid>: the selected runs
 * as a ZIP download (`runs/<run_id>/…`, runs.csv, runs.jsonl); progress at /api/admin/exports/:export_id.
 */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { ids, export_id: exportId, ...filter } = readRunQuery(event, ExportQuery)
  const { runs, sessions, participantStore, index, exports } = useAppContext()
  await index.ready
  const selection = ids ? selectListedRuns(ids) : selectFilteredRuns(index, toRunFilter(filter))
  await sendExport(event, { runs, sessions, participantStore }, selection, exportId ?? randomUUID(), exports)
})
