import type { Perspective, PerspectiveCard } from '#shared/schemas/perspective'
import { PERSPECTIVE_CATEGORIES } from '#shared/perspective-categories'
import { keepLanguages } from '../utils/keep-languages'

export interface PerspectiveGroup {
  category: string
  perspectives: PerspectiveCard[]
}

/** Groups in the fixed category order; a school's own category that we do not know yet comes last. */
export function groupPerspectives(perspectives: readonly PerspectiveCard[]): PerspectiveGroup[] {
  const known: readonly string[] = PERSPECTIVE_CATEGORIES
  const categories = [...new Set([...known, ...perspectives.map(perspective => perspective.category)])]
  return categories
    .map(category => ({ category, perspectives: perspectives.filter(perspective => perspective.category === category) }))
    .filter(group => group.perspectives.length > 0)
}

/** The perspectives from the server, fetched once per visit: they do not change during a workshop. */
export function usePerspectives() {
  const { locale } = useI18n()
  const { data, status, refresh } = useFetch('/api/perspectives', {
    key: 'perspectives',
    default: () => [],
    // The instruction is the language model's meta-prompt: students never see it, so it stays out of the
    // page payload; so do the languages the page does not show (fetched again when the child switches).
    transform: (list: Perspective[]): PerspectiveCard[] => keepLanguages(list.map(({ instruction: _instruction, ...card }) => card), locale.value),
    getCachedData: (key, nuxtApp, context) => context.cause === 'refresh:manual' ? undefined : nuxtApp.payload.data[key] ?? nuxtApp.static.data[key],
  })
  watch(locale, () => refresh())
  const perspectives = computed(() => data.value ?? [])
  const groups = computed(() => groupPerspectives(perspectives.value))
  const byId = (id: string | null) => perspectives.value.find(perspective => perspective.id === id)
  const failed = computed(() => status.value === 'error')
  const loading = computed(() => status.value === 'pending' || status.value === 'idle')
  return { perspectives, groups, byId, failed, loading, refresh }
}
