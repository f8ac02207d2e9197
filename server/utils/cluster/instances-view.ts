import type { InstancesView } from '#shared/instances'
import type { AppContext } from '../app-context'
import { mergeConflicts, storageConflicts } from './conflicts'
import type { InstanceRecord } from './coordinator'

export interface Build { version: string, commit: string | null }

/** This instance as the registry would list it; stands in for the registry while no coordinator runs. */
export function selfRecord(context: Pick<AppContext, 'instance' | 'settings' | 'dataDir' | 'runs' | 'queue'>, build: Build): InstanceRecord {
  const { instance, settings, dataDir, runs } = context
  return {
    ...instance, ...build,
    last_seen: new Date().toISOString(),
    public_url: settings.publicUrl || null,
    storage: { driver: runs.blobs.driver, location: runs.blobs.location, data_dir: dataDir.path, id: dataDir.storageId },
    queue: { driver: 'memory', location: `memory:${dataDir.path}` },
  }
}

/** The live instances, the storage conflicts among them or behind the public address, and that address's last answer. */
export async function instancesView(context: AppContext, build: Build): Promise<InstancesView> {
  const instances = context.coordinator ? await context.coordinator.instances() : [selfRecord(context, build)]
  const check = context.publicAddress
  const conflicts = mergeConflicts(storageConflicts(instances), check?.conflict ? [check.conflict] : [])
  return { instances, conflicts, storage_conflict: conflicts.length > 0, public_url_check: check?.check ?? null }
}
