import { defineEventHandler } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { useAppContext } from '../utils/app-context'

/** GET /api/health: who this instance is, where it stores media and run documents, how busy its queue is. */
export default defineEventHandler(async (event) => {
  const { instance, dataDir, storageId, queue, runs } = useAppContext()
  const config = useRuntimeConfig(event)
  return {
    status: 'ok',
    version: config.public.appVersion,
    commit: config.appCommit || null,
    instance,
    storage: { driver: runs.blobs.driver, location: runs.blobs.location, data_dir: dataDir.path, id: await storageId },
    queue: { driver: queue.driver, ...(await queue.stats()) },
  }
})
