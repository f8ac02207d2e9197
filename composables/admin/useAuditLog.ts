import type { AuditEntry } from '#shared/schemas/session'

/** The newest audit entries (moderation, retention, session changes), newest first. */
export function useAuditLog(limit = 100) {
  const { data, error, refresh } = useFetch<{ entries: AuditEntry[] }>('/api/admin/audit', { query: { limit } })
  const entries = computed(() => [...(data.value?.entries ?? [])].sort((a, b) => b.at.localeCompare(a.at)))
  return { entries, error, refresh }
}
