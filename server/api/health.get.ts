import { defineEventHandler } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { useAppContext } from '../utils/app-context'
import { instancesView } from '../utils/cluster/instances-view'

/**
 * GET /api/health: who this instance is, where it stores media and run documents, how busy its queue is,
 * which instances are live, and any storage conflict among them (still 200: the instance itself is fine).
 * It answers once the instance is ready (content loaded, registered, taking jobs), so a deploy
 * or a load balancer that waits for it never sends work to a half-started instance.
 */
export default defineEventHandler(async (event) => {
  const context = useAppContext()
  await context.ready
  const { instance, describeStorage, queue } = context
  const config = useRuntimeConfig(event)
  return {
    status: 'ok',
    version: config.public.appVersion,
    commit: config.appCommit || null,
    instance,
    storage: describeStorage(),
    queue: { driver: queue.driver, ...(await queue.stats()) },
    ...(await instancesView(context)),
  }
})
