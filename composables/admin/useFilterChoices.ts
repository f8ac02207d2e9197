import type { Perspective } from '#shared/schemas/perspective'

interface SessionChoice { id: string, name: string }

/** Sessions (archived ones too) and perspectives for the run browser's selects. */
export function useFilterChoices() {
  const { localized } = useLanguage()
  const { data: open } = useFetch<{ sessions: SessionChoice[] }>('/api/admin/sessions', { query: { archived: false } })
  const { data: archived } = useFetch<{ sessions: SessionChoice[] }>('/api/admin/sessions', { query: { archived: true } })
  const { data: catalog } = useFetch<{ perspectives: Perspective[] }>('/api/admin/catalog')

  const sessions = computed(() => {
    const byId = new Map([...(open.value?.sessions ?? []), ...(archived.value?.sessions ?? [])].map(session => [session.id, session.name]))
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
  })
  const perspectives = computed(() => (catalog.value?.perspectives ?? []).map(perspective => ({ id: perspective.id, name: localized(perspective.name) })))
  const perspectiveName = (id: string) => perspectives.value.find(perspective => perspective.id === id)?.name ?? id

  return { sessions, perspectives, perspectiveName }
}
