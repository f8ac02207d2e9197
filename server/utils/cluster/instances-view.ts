import type { InstancesView } from '#shared/instances'
import type { AppContext } from '../app-context'
import { mergeConflicts, storageConflicts } from './conflicts'

/** The live instances, the storage conflicts among them or behind the public address, and that address's last answer. */
export async function instancesView(context: AppContext): Promise<InstancesView> {
  const instances = await context.coordinator.instances()
  const check = context.publicAddress
  const conflicts = mergeConflicts(storageConflicts(instances), check?.conflict ? [check.conflict] : [])
  return { instances, conflicts, storage_conflict: conflicts.length > 0, public_url_check: check?.check ?? null }
}
