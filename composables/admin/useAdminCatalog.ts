import type { AdminCatalog } from './session-views'

/** Every perspective and output there is, for the session form's choices; fetched once per visit. */
export function useAdminCatalog() {
  const { localized } = useLanguage()
  const catalog = useFetch<AdminCatalog>('/api/admin/catalog', { key: 'admin-catalog' })
  const perspectives = computed(() => (catalog.data.value?.perspectives ?? []).map(item => ({ id: item.id, label: `${item.icon} ${localized(item.name)}` })))
  const outputs = computed(() => (catalog.data.value?.outputs ?? []).map(item => ({ id: item.id, label: localized(item.name) })))
  /** Name of a perspective id for feed and counts; the id itself when the catalog is not there. */
  const perspectiveName = (id: string) => perspectives.value.find(item => item.id === id)?.label ?? id
  return { perspectives, outputs, perspectiveName, error: catalog.error }
}
