import { watchDebounced } from '@vueuse/core'
import type { AdminRunRow } from '#shared/admin-views'
import { filtersFromQuery, queryFromFilters, RUNS_PAGE_SIZE, runsApiQuery, type RunFilters } from './run-filters'

interface RunsPage { runs: AdminRunRow[], total: number, offset: number, limit: number }

const sameQuery = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The run browser: filters live in the URL query (bookmarkable, Back works), the form edits a draft
 * that is pushed to the URL at once, or 300 ms after the last keystroke for the text search.
 */
export function useRunBrowser() {
  const route = useRoute()
  const router = useRouter()
  const current = computed(() => filtersFromQuery(route.query))
  const draft = reactive<RunFilters>({ ...current.value.filters })

  function applyDraft() {
    // Compare filters only: Back to page 3 must not be pushed to page 1 again by the draft catching up.
    if (sameQuery(queryFromFilters(draft), queryFromFilters(current.value.filters))) return
    router.push({ query: queryFromFilters(draft) })
  }
  watch(() => [draft.from, draft.to, draft.session_id, draft.perspective, draft.status, draft.safety_level, draft.hidden], applyDraft)
  watchDebounced(() => draft.q, applyDraft, { debounce: 300 })
  watch(() => current.value.filters, (filters) => { Object.assign(draft, filters) })

  const { data, status, error, refresh } = useFetch<RunsPage>('/api/admin/runs', {
    query: computed(() => runsApiQuery(current.value.filters, current.value.page)),
    timeout: 20_000,
  })

  const total = computed(() => data.value?.total ?? 0)
  const pages = computed(() => Math.max(1, Math.ceil(total.value / RUNS_PAGE_SIZE)))
  const goTo = (page: number) => router.push({ query: queryFromFilters(current.value.filters, Math.min(Math.max(1, page), pages.value)) })
  const reset = () => router.push({ query: {} })

  const selected = ref<string[]>([])
  const toggle = (runId: string, on: boolean) => {
    selected.value = on ? [...new Set([...selected.value, runId])] : selected.value.filter(id => id !== runId)
  }

  return {
    draft,
    filters: computed(() => current.value.filters),
    page: computed(() => current.value.page),
    pages,
    total,
    runs: computed(() => data.value?.runs ?? []),
    loading: computed(() => status.value === 'pending'),
    error,
    refresh,
    goTo,
    reset,
    selected,
    toggle,
  }
}
