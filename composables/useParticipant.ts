import { apiProblemOf } from '../utils/api-problem'

interface Me { participant: { pseudonym: string } | null, session: { id: string, name: string, open: boolean, picture_input: boolean } | null }

/** This device's made-up name and session; the student may rename themselves. */
export function useParticipant() {
  const { data, refresh } = useFetch<Me>('/api/me', { key: 'me', default: () => ({ participant: null, session: null }) })
  const saving = ref(false)
  const problem = ref<string | null>(null)

  async function rename(pseudonym: string): Promise<boolean> {
    saving.value = true
    problem.value = null
    try {
      await $fetch('/api/me', { method: 'PATCH', body: { pseudonym } })
      await refresh()
      return true
    }
    catch (error) {
      problem.value = apiProblemOf(error).message
      return false
    }
    finally {
      saving.value = false
    }
  }

  return { me: data, refresh, rename, saving, problem }
}
