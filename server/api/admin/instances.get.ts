import { defineEventHandler } from 'h3'
import type { AdminInstancesView } from '#shared/instances'
import { useAppContext } from '../../utils/app-context'
import { requireLeader } from '../../utils/auth/leader'
import { instancesView } from '../../utils/cluster/instances-view'

/** GET /api/admin/instances: the live instances, storage conflicts among them, the public address's last answer, who answered, and this instance's disk. */
export default defineEventHandler(async (event): Promise<AdminInstancesView> => {
  await requireLeader(event)
  const context = useAppContext()
  return { ...await instancesView(context), this_instance: context.instance.id, disk: await context.diskGuard.use() }
})
