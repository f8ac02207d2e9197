import { defineEventHandler } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { useAppContext } from '../utils/app-context'
import { instancesView } from '../utils/cluster/instances-view'

/**
 * GET /api/health: who this instance is, where it stores media and run documents, how busy its queue is,
 * which instances are live, and any storage conflict among them (still 200: the instance itself is fine).
 */
export default defineEventHandler(async (event) => {
  const context = useAppContext()
  const { instance, dataDir, storageId, queue, runs } = context
  const config = useRuntimeConfig(event)
  const build = { version: config.public.appVersion, commit: config.appCommit || null }
  return {
    status: 'ok',
    ...build,
    instance,
    storage: { driver: runs.blobs.driver, location: runs.blobs.location, data_dir: dataDir.path, id: await storageId },
    queue: { driver: queue.driver, ...(await queue.stats()) },
    ...(await instancesView(context)),
  }
})
