import { defineEventHandler } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { useAppContext } from '../utils/app-context'
import { instancesView } from '../utils/cluster/instances-view'
import { mayReadHealthDetails } from '../utils/http/health-access'

/**
 * GET /api/health: for everyone status, version, commit (deploy/deploy.sh waits for them) and the
 * storage id, a random id that says only "same storage or not" (the public address check of
 * other instances compares it). Who this instance is, where it stores, how busy its queue is,
 * which instances are live and any storage conflict only for a signed-in leader or with
 * NUXT_HEALTH_TOKEN. It answers once the instance is ready (content loaded, registered, taking
 * jobs), so a deploy or a load balancer that waits for it never sends work to a half-started instance.
 */
export default defineEventHandler(async (event) => {
  const context = useAppContext()
  await context.ready
  const { instance, describeStorage, queue, settings } = context
  const config = useRuntimeConfig(event)
  const storage = describeStorage()
  const summary = { status: 'ok', version: config.public.appVersion, commit: config.appCommit || null }
  if (!await mayReadHealthDetails(event, settings.healthToken)) return { ...summary, storage: { id: storage.id } }
  return {
    ...summary,
    instance,
    storage,
    queue: { driver: queue.driver, ...(await queue.stats()) },
    ...(await instancesView(context)),
  }
})
