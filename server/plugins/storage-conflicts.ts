import { defineNitroPlugin } from 'nitropack/runtime'
import { useAppContext } from '../utils/app-context'
import { conflictAnnouncer } from '../utils/cluster/conflicts'
import { instancesView } from '../utils/cluster/instances-view'

/** Looks for storage conflicts at start and every few seconds, and says so loudly in the log when one appears. */
export default defineNitroPlugin((nitroApp) => {
  const context = useAppContext()
  const announce = conflictAnnouncer()
  const look = () => instancesView(context).then(view => announce(view.conflicts), (error: Error) => console.warn(`[ai4artsed] could not list instances: ${error.message}`))
  if (context.publicAddress) context.publicAddress.onCheck = look
  const stopCheck = context.publicAddress?.start()
  const timer = setInterval(look, 5000).unref()
  void look()
  nitroApp.hooks.hook('close', () => {
    clearInterval(timer)
    stopCheck?.()
  })
})
