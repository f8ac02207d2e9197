import { createError, defineEventHandler, getRequestURL } from 'h3'
import { useAppContext } from '../utils/app-context'
import { crossSiteRefusal, originOf } from '../utils/http/same-origin'

/**
 * Every state-changing request, students' and leaders' alike, comes from this app's own pages
 * (or a script sending JSON): see crossSiteRefusal. Behind a reverse proxy that does not pass the
 * Host on, the public address (NUXT_PUBLIC_URL) is the origin browsers send.
 */
export default defineEventHandler((event) => {
  const own = getRequestURL(event, { xForwardedProto: true }).origin
  const publicOrigin = originOf(useAppContext().settings.publicUrl)
  const refusal = crossSiteRefusal({
    method: event.method, path: event.path, headers: event.node.req.headers,
    allowed: publicOrigin ? [own, publicOrigin] : [own],
  })
  if (refusal) throw createError({ statusCode: 403, statusMessage: refusal, data: { reason: 'cross_site' } })
})
