import { apiProblemOf } from '~/utils/api-problem'

/**
 * Turns a failed admin request into a sentence for the page. A 401 means the leader's sign-in ran
 * out while the page was open: off to the sign-in page, and back here afterwards.
 */
export function useAdminProblem() {
  const route = useRoute()
  const { t } = useI18n()
  return (error: unknown): string => {
    const problem = apiProblemOf(error)
    if (problem.status === 401) void navigateTo({ path: '/admin/login', query: { next: route.fullPath } })
    if (problem.status === null) return t('adminSessions.error.offline')
    return problem.field ? `${problem.field}: ${problem.message}` : problem.message
  }
}
