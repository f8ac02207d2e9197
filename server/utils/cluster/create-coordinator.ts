import type { Settings } from '../settings'
import type { Coordinator } from './coordinator'
import { type ExpiringStore, MemoryExpiringStore } from './expiring-store'
import { LocalCoordinator } from './local-coordinator'
import { RedisCoordinator } from './redis-coordinator'
import { RedisExpiringStore } from './redis-expiring-store'

type CoordinatorSettings = Pick<Settings, 'redisUrl' | 'redisPrefix' | 'heartbeatSeconds'>

/** Redis when NUXT_REDIS_URL is set, else files in the data dir (instances sharing one machine). */
export function createCoordinator(settings: CoordinatorSettings, dataDirPath: string): Coordinator {
  const heartbeatMs = settings.heartbeatSeconds * 1000
  return settings.redisUrl
    ? new RedisCoordinator(settings.redisUrl, settings.redisPrefix, heartbeatMs)
    : new LocalCoordinator(dataDirPath, heartbeatMs)
}

/** Redis when NUXT_REDIS_URL is set, so every instance counts the same sign-in failures; else this process. */
export function createExpiringStore(settings: Pick<Settings, 'redisUrl' | 'redisPrefix'>): ExpiringStore {
  return settings.redisUrl ? new RedisExpiringStore(settings.redisUrl, settings.redisPrefix) : new MemoryExpiringStore()
}
