import { apiProblemOf, type ApiProblem } from '~/utils/api-problem'

export interface RetentionPolicy { global_days: number | null, last_applied: { at: string, deleted: number } | null }
export interface RetentionPreview {
  runs: { run_id: string, session_id: string, session_name: string | null, created_at: string, older_than_days: number }[]
  total: number
}

/** The global retention policy, what it would delete now, and deleting it on request. */
export function useRetention() {
  const { data: policy, error: loadError, refresh } = useFetch<RetentionPolicy>('/api/admin/retention')
  const preview = ref<RetentionPreview | null>(null)
  const busy = ref<'save' | 'preview' | 'apply' | null>(null)
  const problem = ref<ApiProblem | null>(null)
  const deleted = ref<number | null>(null)

  async function attempt<T>(what: NonNullable<typeof busy.value>, call: () => Promise<T>): Promise<T | null> {
    busy.value = what
    problem.value = null
    try { return await call() }
    catch (error) { problem.value = apiProblemOf(error); return null }
    finally { busy.value = null }
  }

  const loadPreview = () => attempt('preview', async () => {
    preview.value = await $fetch<RetentionPreview>('/api/admin/retention/preview')
  })

  const save = (globalDays: number | null) => attempt('save', async () => {
    policy.value = await $fetch<RetentionPolicy>('/api/admin/retention', { method: 'PUT', body: { global_days: globalDays } })
    await loadPreview()
  })

  const apply = () => attempt('apply', async () => {
    deleted.value = (await $fetch<{ deleted: number }>('/api/admin/retention/apply', { method: 'POST' })).deleted
    await Promise.all([refresh(), loadPreview()])
  })

  return { policy, loadError, preview, busy, problem, deleted, save, loadPreview, apply }
}
