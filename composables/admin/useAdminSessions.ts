import type { CourseSession } from '#shared/schemas/session'
import type { SessionListRow } from './session-views'
import { createBodyOf, type SessionForm } from './session-form'

/** The sessions list; archived sessions only when the leader asks for them. */
export function useAdminSessions() {
  const showArchived = ref(false)
  const list = useFetch<{ sessions: SessionListRow[] }>('/api/admin/sessions', {
    key: 'admin-sessions',
    query: { archived: computed(() => String(showArchived.value)) },
  })
  const sessions = computed(() => list.data.value?.sessions ?? [])
  return { sessions, showArchived, pending: list.pending, error: list.error, refresh: list.refresh }
}

export const createSession = (form: SessionForm) =>
  $fetch<CourseSession>('/api/admin/sessions', { method: 'POST', body: createBodyOf(form) })
