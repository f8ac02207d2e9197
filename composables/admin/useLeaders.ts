import { apiProblemOf, type ApiProblem } from '~/utils/api-problem'

interface LeaderListing { name: string, created_at: string }

/** The course leader accounts, and adding one (a leader vouches for the next). */
export function useLeaders() {
  const { data, error, refresh } = useFetch<{ leaders: LeaderListing[] }>('/api/admin/leaders')
  const busy = ref(false)
  const problem = ref<ApiProblem | null>(null)

  async function add(name: string, password: string): Promise<boolean> {
    busy.value = true
    problem.value = null
    try {
      await $fetch('/api/admin/leaders', { method: 'POST', body: { name: name.trim().toLowerCase(), password } })
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

  return { leaders: computed(() => data.value?.leaders ?? []), error, busy, problem, add }
}
