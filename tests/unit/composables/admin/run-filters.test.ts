import { describe, expect, it } from 'vitest'
import { EMPTY_FILTERS, exportUrl, filtersFromQuery, pageNumbers, queryFromFilters, runsApiQuery } from '../../../../composables/admin/run-filters'

describe('filters and the URL query', () => {
  it('round-trips every filter and the page through the URL query', () => {
    const filters = { from: '2026-01-01', to: '2026-01-31', session_id: 'class-4b', perspective: 'dada', status: 'completed', safety_level: 'kids', hidden: 'false' as const, q: 'cat' }
    const query = queryFromFilters(filters, 3)
    expect(filtersFromQuery(query as never)).toEqual({ filters, page: 3 })
  })

  it('keeps the URL short: no empty filters, no hidden=all, no page 1', () => {
    expect(queryFromFilters({ ...EMPTY_FILTERS, q: '  moon ' }, 1)).toEqual({ q: 'moon' })
  })

  it('falls back to no filter and page 1 for malformed values', () => {
    expect(filtersFromQuery({ hidden: 'maybe', page: '-4', q: ['sun', 'moon'] })).toEqual({ filters: { ...EMPTY_FILTERS, q: 'sun' }, page: 1 })
  })

  it('asks the API for 50 runs from the page start', () => {
    expect(runsApiQuery({ ...EMPTY_FILTERS, status: 'failed' }, 3)).toEqual({ status: 'failed', offset: 100, limit: 50 })
  })
})

describe('exportUrl', () => {
  it('exports the current filters with the export id', () => {
    const url = new URL(exportUrl({ ...EMPTY_FILTERS, session_id: 'class-4b', hidden: 'true', q: 'a&b' }, 'e-1'), 'http://x')
    expect(url.pathname).toBe('/api/admin/export')
    expect(Object.fromEntries(url.searchParams)).toEqual({ session_id: 'class-4b', hidden: 'true', q: 'a&b', export_id: 'e-1' })
  })

  it('exports only the ticked runs when there is a selection', () => {
    const url = new URL(exportUrl({ ...EMPTY_FILTERS, q: 'cat' }, 'e-2', ['r1', 'r2']), 'http://x')
    expect(Object.fromEntries(url.searchParams)).toEqual({ ids: 'r1,r2', export_id: 'e-2' })
  })
})

describe('pageNumbers', () => {
  it('shows first, last and the neighbours of the current page, with gaps', () => {
    expect(pageNumbers(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20])
    expect(pageNumbers(1, 3)).toEqual([1, 2, 3])
    expect(pageNumbers(1, 1)).toEqual([1])
  })
})
