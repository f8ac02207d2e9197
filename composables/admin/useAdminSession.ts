import type { SessionPatch } from '#shared/schemas/session'
import type { CourseSession } from '#shared/schemas/session'
import type { SessionDetail } from './session-views'

/** One session with its participants, and the changes a leader makes to it. */
export function useAdminSession(sessionId: MaybeRefOrGetter<string>) {
  const url = computed(() => `/api/admin/sessions/${encodeURIComponent(toValue(sessionId))}`)
  const detail = useFetch<SessionDetail>(url, { key: computed(() => `admin-session:${toValue(sessionId)}`) })
  const saving = ref(false)

  async function update(patch: SessionPatch): Promise<CourseSession> {
    saving.value = true
    try {
      const session = await $fetch<CourseSession>(url.value, { method: 'PATCH', body: patch })
      if (detail.data.value) detail.data.value = { ...detail.data.value, session }
      return session
    }
    finally {
      saving.value = false
    }
  }

  return {
    session: computed(() => detail.data.value?.session ?? null),
    participants: computed(() => detail.data.value?.participants ?? []),
    counts: computed(() => detail.data.value?.counts ?? null),
    error: detail.error,
    refresh: detail.refresh,
    saving,
    update,
  }
}
