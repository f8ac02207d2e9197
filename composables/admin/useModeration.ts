import { apiProblemOf, type ApiProblem } from '~/utils/api-problem'

export type ModerationAction = 'hide' | 'unhide' | 'delete'

/** Hide, unhide or delete one run, with the leader's reason; the server writes the audit entry. */
export function useModeration(runId: () => string) {
  const busy = ref(false)
  const problem = ref<ApiProblem | null>(null)

  async function moderate(action: ModerationAction, reason: string): Promise<boolean> {
    busy.value = true
    problem.value = null
    const body = reason.trim() ? { reason: reason.trim() } : {}
    const id = encodeURIComponent(runId())
    try {
      if (action === 'delete') await $fetch(`/api/admin/runs/${id}`, { method: 'DELETE', body })
      else await $fetch(`/api/admin/runs/${id}/${action}`, { method: 'POST', body })
      return true
    }
    catch (error) {
      problem.value = apiProblemOf(error)
      return false
    }
    finally {
      busy.value = false
    }
  }

  return { busy, problem, moderate }
}
