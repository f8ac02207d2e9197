import { useIntersectionObserver, useIntervalFn, useOnline } from '@vueuse/core'
import type { MaybeRefOrGetter } from 'vue'
import type { PerspectiveCard } from '#shared/schemas/perspective'
import type { GalleryItem } from '#shared/schemas/run'

export const GALLERY_PAGE_SIZE = 60

/** A tile needs no interception text; leaving it out keeps the page payload small. */
export type GalleryTileItem = Omit<GalleryItem, 'interception_text'>

/** What GET /api/my/runs answers. */
interface GalleryPage { runs: GalleryItem[], total: number, offset: number, limit: number }

interface GalleryState {
  items: GalleryTileItem[]
  /** null until the first page has arrived. */
  total: number | null
  /** Where the next page starts on the server; not items.length, since duplicates are dropped. */
  nextOffset: number
  status: 'idle' | 'loading' | 'error'
  failed: 'first' | 'more' | null
}

const toTile = ({ interception_text: _, ...item }: GalleryItem): GalleryTileItem => item
const isPending = (item: GalleryTileItem) => item.status === 'queued' || item.status === 'running'

/**
 * The student's own runs, newest first, a page at a time. The list lives in useState so that
 * coming back from a run shows the loaded tiles at once (and the scroll position can be restored);
 * the newest page is then fetched again quietly for new runs and changed stars.
 */
export function useGallery() {
  const state = useState<GalleryState>('gallery', () => ({ items: [], total: null, nextOffset: 0, status: 'idle', failed: null }))
  const favouritesOnly = useState('gallery:favourites-only', () => false)
  // On the server this forwards the student's cookie to the API; in the browser it is $fetch.
  const request = useRequestFetch()
  const hydratedFromServer = useNuxtApp().isHydrating && state.value.total !== null

  const fetchPage = (offset: number) => request<GalleryPage>('/api/my/runs', {
    query: { offset, limit: GALLERY_PAGE_SIZE }, timeout: 15_000, retry: 1, retryDelay: 1_000,
  })

  async function refresh() {
    const quiet = state.value.total !== null
    if (!quiet && state.value.status === 'loading') return
    if (!quiet) Object.assign(state.value, { status: 'loading', failed: null })
    try {
      const page = await fetchPage(0)
      mergeNewest(page.runs.map(toTile))
      state.value.total = page.total
      if (!quiet) state.value.status = 'idle'
    }
    catch {
      if (!quiet) Object.assign(state.value, { status: 'error', failed: 'first' })
    }
  }

  function mergeNewest(fresh: GalleryTileItem[]) {
    const known = new Map(state.value.items.map((item, index) => [item.run_id, index]))
    // Nothing in common: first load, or more new runs than a page; start over from this page.
    if (!fresh.some(item => known.has(item.run_id))) {
      Object.assign(state.value, { items: fresh, nextOffset: fresh.length })
      return
    }
    const newcomers = fresh.filter(item => !known.has(item.run_id))
    for (const item of fresh) {
      const index = known.get(item.run_id)
      if (index !== undefined) state.value.items[index] = item
    }
    state.value.items = [...newcomers, ...state.value.items]
    state.value.nextOffset += newcomers.length
  }

  const hasMore = computed(() => state.value.total === null || state.value.nextOffset < state.value.total)

  /** `again`: the student tapped retry; otherwise a failed page waits for that tap. */
  async function loadMore(again = false) {
    const ready = state.value.status === 'idle' || (again && state.value.status === 'error')
    if (!ready || state.value.total === null || !hasMore.value) return
    Object.assign(state.value, { status: 'loading', failed: null })
    try {
      const page = await fetchPage(state.value.nextOffset)
      const known = new Set(state.value.items.map(item => item.run_id))
      state.value.items.push(...page.runs.map(toTile).filter(item => !known.has(item.run_id)))
      state.value.nextOffset += page.runs.length
      // An empty page ends the list even if the count said otherwise.
      state.value.total = page.runs.length ? page.total : state.value.nextOffset
      state.value.status = 'idle'
    }
    catch {
      Object.assign(state.value, { status: 'error', failed: 'more' })
    }
  }

  const retry = () => (state.value.failed === 'more' ? loadMore(true) : refresh())

  /** Loads the next page whenever `target` (a sentinel after the grid) comes near the screen. */
  function loadMoreNear(target: MaybeRefOrGetter<HTMLElement | null | undefined>) {
    const near = ref(false)
    useIntersectionObserver(target, ([entry]) => { near.value = entry?.isIntersecting ?? false }, { rootMargin: '0px 0px 1200px 0px' })
    // Also after each page: if the sentinel is still near (short list, favourites only), go on.
    watch([near, () => state.value.status], () => { if (near.value) loadMore() })
  }

  onServerPrefetch(refresh)
  onMounted(() => { if (!hydratedFromServer) refresh() })
  // Back on the WiFi after a drop: try again without waiting for a tap.
  const online = useOnline()
  watch(online, (isOnline) => { if (isOnline && state.value.status === 'error') retry() })
  // Runs still being made turn into pictures while the student looks (the newest page is all a refresh sees).
  useIntervalFn(() => { if (state.value.items.slice(0, GALLERY_PAGE_SIZE).some(isPending)) refresh() }, 5_000)

  const items = computed(() => favouritesOnly.value ? state.value.items.filter(item => item.favourite) : state.value.items)

  return {
    items,
    favouritesOnly,
    total: computed(() => state.value.total),
    hasMore,
    firstLoading: computed(() => state.value.total === null && state.value.status !== 'error'),
    loadingMore: computed(() => state.value.total !== null && state.value.status === 'loading'),
    failed: computed(() => (state.value.status === 'error' ? state.value.failed : null)),
    retry,
    loadMoreNear,
  }
}

export interface PerspectiveLook { name: string, icon: string, colour: string }

type PerspectiveLooks = Record<string, Pick<PerspectiveCard, 'name' | 'icon' | 'colour'>>

const UNKNOWN_LOOK = { icon: '🎨', colour: '#e8e2d6' }

/** Name, icon and colour of each perspective, fetched once per visit; tiles fall back to a neutral look. */
export function useGalleryPerspectives() {
  const looks = useState<PerspectiveLooks | null>('gallery:perspectives', () => null)
  const request = useRequestFetch()
  const { localized } = useLanguage()

  async function load() {
    if (looks.value) return
    try {
      const list = await request<PerspectiveCard[]>('/api/perspectives', { timeout: 15_000, retry: 1 })
      looks.value = Object.fromEntries(list.map(({ id, name, icon, colour }) => [id, { name, icon, colour }]))
    }
    catch { /* the tiles show the neutral look; the next visit tries again */ }
  }

  onServerPrefetch(load)
  onMounted(load)

  return (id: string): PerspectiveLook => {
    const look = looks.value?.[id]
    return look ? { name: localized(look.name), icon: look.icon, colour: look.colour } : { name: id, ...UNKNOWN_LOOK }
  }
}
