import type { BackendConfigView, ProviderSettingsView, ProvidersView } from '#shared/schemas/providers'
import { type ApiProblem, apiProblemOf } from '~/utils/api-problem'

/** A backend as the form edits it: `api_key` undefined keeps the stored key, '' clears it. */
export type BackendDraft = Omit<BackendConfigView, 'api_key_set' | 'from_env'> & { api_key?: string }

/** The backend settings (what is saved) and their status (probed on each load), and saving them. */
export function useProviders() {
  const { data: settings, error: loadError, refresh: refreshSettings } = useFetch<ProviderSettingsView>('/api/admin/providers')
  const status = ref<ProvidersView | null>(null)
  const checking = ref(false)
  const busy = ref(false)
  const problem = ref<ApiProblem | null>(null)

  async function check() {
    checking.value = true
    try { status.value = await $fetch<ProvidersView>('/api/providers') }
    catch (error) { problem.value = apiProblemOf(error) }
    finally { checking.value = false }
  }

  /** Saves everything the page may change: the leader's backends and the stage and default choices not set by env. */
  async function save(change: { backends?: BackendDraft[], stages?: ProviderSettingsView['stages'], default_outputs?: ProviderSettingsView['default_outputs'] }): Promise<boolean> {
    const current = settings.value
    if (!current) return false
    const locked = new Set(current.env_locked)
    const unlocked = <T extends object>(group: string, values: T) => Object.fromEntries(Object.entries(values).filter(([key, value]) => value && !locked.has(`${group}.${key}`)))
    const ownBackends = current.backends.filter(backend => !backend.from_env).map(({ api_key_set: _set, from_env: _env, ...backend }) => backend)
    busy.value = true
    problem.value = null
    try {
      settings.value = await $fetch<ProviderSettingsView>('/api/admin/providers', {
        method: 'PUT',
        body: {
          backends: change.backends ?? ownBackends,
          stages: unlocked('stages', change.stages ?? current.stages),
          default_outputs: unlocked('default_outputs', change.default_outputs ?? current.default_outputs),
        },
      })
      await check()
      return true
    }
    catch (error) {
      problem.value = apiProblemOf(error)
      return false
    }
    finally { busy.value = false }
  }

  return { settings, loadError, refreshSettings, status, checking, busy, problem, check, save }
}
