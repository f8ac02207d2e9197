import { defineNitroPlugin } from 'nitropack/runtime'
import { findPortHolder, portTakenMessage } from '../utils/http/port-holder'
import { refuseToStart } from '../utils/refuse-to-start'

/**
 * Nitro's node server reports a failed listen as an uncaught exception and keeps running: a
 * process without HTTP whose queue still takes runs from the data dir. Stop it at once. This
 * listener is added before Nitro's own (plugins run before the server listens), so the message
 * is all the log shows.
 */
export default defineNitroPlugin(() => {
  if (import.meta.dev) return // `nuxi dev` listens itself and says so
  process.on('uncaughtException', (error: NodeJS.ErrnoException & { port?: number }) => {
    const { code, syscall, port } = error
    if (syscall !== 'listen' || !port) return
    if (code === 'EADDRINUSE') refuseToStart(portTakenMessage(port, findPortHolder(port)))
    if (code === 'EACCES') refuseToStart(`port ${port} needs privileges this user lacks. Start with PORT=<a port above 1023>.`)
  })
})
