import type { Settings } from '../settings'
import type { Coordinator } from './coordinator'
import { LocalCoordinator } from './local-coordinator'
import { RedisCoordinator } from './redis-coordinator'

type CoordinatorSettings = Pick<Settings, 'redisUrl' | 'redisPrefix' | 'heartbeatSeconds'>

/** Redis when NUXT_REDIS_URL is set, else files in the data dir (instances sharing one machine). */
export function createCoordinator(settings: CoordinatorSettings, dataDirPath: string): Coordinator {
  const heartbeatMs = settings.heartbeatSeconds * 1000
  return settings.redisUrl
    ? new RedisCoordinator(settings.redisUrl, settings.redisPrefix, heartbeatMs)
    : new LocalCoordinator(dataDirPath, heartbeatMs)
}
