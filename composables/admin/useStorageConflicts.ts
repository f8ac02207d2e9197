import type { InstancesView } from '#shared/instances'
import { usePolledJson } from '../usePolledJson'

/** A conflict can appear any time (someone starts a dev server on the wrong folder), so every admin page looks every 30 s. */
export function useStorageConflicts() {
  const { data } = usePolledJson<InstancesView>('/api/admin/instances', () => 30_000)
  return computed(() => data.value?.conflicts ?? [])
}
