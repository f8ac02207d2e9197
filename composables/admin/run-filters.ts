import type { LocationQuery, LocationQueryRaw } from 'vue-router'

export const RUNS_PAGE_SIZE = 50

/** The run browser's filters as the leader set them; empty string = no filter. */
export interface RunFilters {
  from: string
  to: string
  session_id: string
  perspective: string
  status: string
  safety_level: string
  hidden: 'all' | 'true' | 'false'
  q: string
}

export const EMPTY_FILTERS: RunFilters = { from: '', to: '', session_id: '', perspective: '', status: '', safety_level: '', hidden: 'all', q: '' }

const TEXT_KEYS = ['from', 'to', 'session_id', 'perspective', 'status', 'safety_level', 'q'] as const

const first = (value: LocationQuery[string] | undefined) => (Array.isArray(value) ? value[0] : value) ?? ''

/** Reads filters and page from the URL; anything unknown or malformed falls back to "no filter". */
export function filtersFromQuery(query: LocationQuery): { filters: RunFilters, page: number } {
  const filters: RunFilters = { ...EMPTY_FILTERS }
  for (const key of TEXT_KEYS) filters[key] = first(query[key]).trim()
  const hidden = first(query.hidden)
  filters.hidden = hidden === 'true' || hidden === 'false' ? hidden : 'all'
  const page = Number.parseInt(first(query.page), 10)
  return { filters, page: Number.isFinite(page) && page > 1 ? page : 1 }
}

/** The shortest URL query for these filters, so a shared link says only what was chosen. */
export function queryFromFilters(filters: RunFilters, page = 1): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const key of TEXT_KEYS) if (filters[key].trim()) query[key] = filters[key].trim()
  if (filters.hidden !== 'all') query.hidden = filters.hidden
  if (page > 1) query.page = String(page)
  return query
}

/** The filters as GET /api/admin/runs and GET /api/admin/export understand them. */
export function apiFilters(filters: RunFilters): Record<string, string> {
  const { page: _, ...rest } = queryFromFilters(filters) as Record<string, string>
  return rest
}

export function runsApiQuery(filters: RunFilters, page: number): Record<string, string | number> {
  return { ...apiFilters(filters), offset: (page - 1) * RUNS_PAGE_SIZE, limit: RUNS_PAGE_SIZE }
}

/**
 * The download address of an export: the current filters, or only the chosen runs when `ids` is
 * given (a selection is what the leader ticked, whatever the filters say).
 */
export function exportUrl(filters: RunFilters, exportId: string, ids: string[] = []): string {
  const params = new URLSearchParams(ids.length ? { ids: ids.join(',') } : apiFilters(filters))
  params.set('export_id', exportId)
  return `/api/admin/export?${params}`
}

/** Page numbers to offer: first, last and two either side of the current one; null is a gap. */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter(n => n >= 1 && n <= pages))
  const sorted = [...wanted].sort((a, b) => a - b)
  return sorted.flatMap((n, index) => (index > 0 && n - sorted[index - 1]! > 1 ? [null, n] : [n]))
}
