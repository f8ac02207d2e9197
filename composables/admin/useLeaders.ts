import { apiProblemOf, type ApiProblem } from '~/utils/api-problem'

interface LeaderListing { name: string, created_at: string }

/** The course leader accounts, adding one (a leader vouches for the next) and removing one (their sign-ins end at once). */
export function useLeaders() {
  const { data, error, refresh } = useFetch<{ leaders: LeaderListing[] }>('/api/admin/leaders')
  const busy = ref(false)
  const problem = ref<ApiProblem | null>(null)

  async function change(work: () => Promise<unknown>): Promise<boolean> {
    busy.value = true
    problem.value = null
    try {
      await work()
      await refresh()
      return true
    }
    catch (failure) {
      problem.value = apiProblemOf(failure)
      return false
    }
    finally {
      busy.value = false
    }
  }

  const add = (name: string, password: string) =>
    change(() => $fetch('/api/admin/leaders', { method: 'POST', body: { name: name.trim().toLowerCase(), password } }))
  const remove = (name: string) => change(() => $fetch(`/api/admin/leaders/${encodeURIComponent(name)}`, { method: 'DELETE' }))

  return { leaders: computed(() => data.value?.leaders ?? []), error, busy, problem, add, remove }
}
