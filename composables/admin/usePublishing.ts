import { apiProblemOf } from '~/utils/api-problem'

/** Shows a run to its session's class gallery or takes it out again; the server refuses hidden runs and writes the audit entry. */
export function usePublishing(onChange: () => unknown) {
  const busyId = ref<string | null>(null)
  const problem = ref<string | null>(null)

  async function setPublished(runId: string, published: boolean) {
    if (busyId.value) return
    busyId.value = runId
    problem.value = null
    try {
      await $fetch<unknown, string>(`/api/admin/runs/${encodeURIComponent(runId)}/publish`, { method: published ? 'POST' : 'DELETE' })
      await onChange()
    }
    catch (error) {
      problem.value = apiProblemOf(error).message
    }
    finally {
      busyId.value = null
    }
  }

  return { busyId, problem, setPublished }
}
