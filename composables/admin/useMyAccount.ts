import { signOutLeader } from '~/composables/admin/useSignedInLeader'
import { apiProblemOf, type ApiProblem } from '~/utils/api-problem'

/** The signed-in leader's own account: a new password (the current one is asked), and signing out on every device. */
export function useMyAccount() {
  const busy = ref<'password' | 'everywhere' | null>(null)
  const problem = ref<ApiProblem | null>(null)

  async function attempt(kind: 'password' | 'everywhere', work: () => Promise<unknown>): Promise<boolean> {
    busy.value = kind
    problem.value = null
    try {
      await work()
      return true
    }
    catch (failure) {
      problem.value = apiProblemOf(failure)
      return false
    }
    finally {
      busy.value = null
    }
  }

  const changePassword = (current_password: string, new_password: string) =>
    attempt('password', () => $fetch('/api/admin/me/password', { method: 'PUT', body: { current_password, new_password } }))
  const signOutEverywhere = () => attempt('everywhere', () => signOutLeader(true))

  return { busy, problem, changePassword, signOutEverywhere }
}
