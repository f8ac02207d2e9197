import { describe, expect, it } from 'vitest'
import type { AppContext } from '../../../../../server/utils/app-context'
import { PublicAddressCheck } from '../../../../../server/utils/cluster/conflicts'
import type { Coordinator, InstanceRecord } from '../../../../../server/utils/cluster/coordinator'
import { MemoryExpiringStore } from '../../../../../server/utils/cluster/expiring-store'
import { instancesView } from '../../../../../server/utils/cluster/instances-view'

/** The registry as the views see it: just a list of live instances. */
function fakeCoordinator(live: InstanceRecord[]): Coordinator {
  return {
    driver: 'local',
    expiring: new MemoryExpiringStore(),
    start: async () => {},
    instances: async () => live,
    isAlive: async id => live.some(instance => instance.id === id),
    withLock: (_key, work) => work(),
    tryLock: (_key, _ttl, work) => work(),
    onRemoteRunChange: () => () => {},
    publishRunChange: async () => {},
    close: async () => {},
  }
}

const record = (id: string, dataDir: string, storageId: string): InstanceRecord => ({
  id, pid: 1, hostname: 'host', port: 3000, version: '1.0.0', commit: null, started_at: 'x', last_seen: 'x', public_url: null,
  storage: { driver: 'fs', location: `${dataDir}/runs`, data_dir: dataDir, id: storageId },
  queue: { driver: 'bullmq', location: 'redis://127.0.0.1:6379/0' },
})

function context(extra: Partial<AppContext>): AppContext {
  return {
    instance: { id: 'self', pid: 1, hostname: 'host', port: 3000, started_at: '2026-01-01T00:00:00.000Z' },
    settings: { publicUrl: '' },
    dataDir: { path: '/srv/data', storageId: 'S1' },
    runs: { blobs: { driver: 'fs', location: '/srv/data/runs' } },
    publicAddress: null,
    ...extra,
  } as unknown as AppContext
}

describe('instancesView', () => {
  it('takes the live instances from the coordinator and reports their conflict once, however it was found', async () => {
    const live = [record('a1', '/srv/data', 'S1'), record('b2', '/home/dev/data', 'S2')]
    const publicAddress = new PublicAddressCheck({ publicUrl: 'https://kunst.schule.de', self: () => live[0]! })
    publicAddress.conflict = { reason: 'shared_queue', instances: live, message: 'the same two storages' }
    const view = await instancesView(context({ coordinator: fakeCoordinator(live), publicAddress }))
    expect(view.instances.map(instance => instance.id)).toEqual(['a1', 'b2'])
    expect(view.storage_conflict).toBe(true)
    expect(view.conflicts.map(conflict => conflict.message)).toEqual(['Instance a1 (host:3000) stores in /srv/data but instance b2 (host:3000) in /home/dev/data, and both take jobs from redis://127.0.0.1:6379/0'])
  })
})
