import type { InstanceInfo } from '../instance'
import type { InstanceRecord } from './coordinator'
import { urlWithoutCredentials } from '../http/url-without-credentials'

export interface InstanceRecordSources {
  instance: InstanceInfo
  release: { version: string, commit: string | null }
  publicUrl: string
  storage: InstanceRecord['storage']
  queueDriver: string
  redisUrl: string
}

/** This instance as the registry lists it; the queue's location says which instances share work. */
export function buildInstanceRecord({ instance, release, publicUrl, storage, queueDriver, redisUrl }: InstanceRecordSources): InstanceRecord {
  const queue: InstanceRecord['queue'] = queueDriver === 'bullmq'
    ? { driver: 'bullmq', location: urlWithoutCredentials(redisUrl) }
    : { driver: 'memory', location: `memory:${storage.data_dir}` }
  return {
    ...instance,
    version: release.version,
    commit: release.commit || null,
    last_seen: new Date().toISOString(),
    public_url: publicUrl || null,
    storage,
    queue,
  }
}
