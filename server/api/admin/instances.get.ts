import { defineEventHandler } from 'h3'
import { useAppContext } from '../../utils/app-context'
import { requireLeader } from '../../utils/auth/leader'
import { instancesView } from '../../utils/cluster/instances-view'

/** GET /api/admin/instances: the live instances, storage conflicts among them, and the public address's last answer. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  return instancesView(useAppContext())
})
