import { removeResponseHeader, setResponseHeaders } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'

const SECURITY_HEADERS = {
  // No other site may frame the admin or student pages (clickjacking a hide or a sign-out).
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': 'frame-ancestors \'none\'',
  'X-Content-Type-Options': 'nosniff',
  // Run and session URLs stay inside the app; other sites learn nothing from links.
  'Referrer-Policy': 'same-origin',
}

/** The same headers on every response, pages, API, media and errors alike; and no X-Powered-By (Nuxt's renderer sets one). */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', event => setResponseHeaders(event, SECURITY_HEADERS))
  // A streamed answer (media) has sent its headers already: removing one then throws, an Error per request.
  nitroApp.hooks.hook('beforeResponse', (event) => {
    if (!event.node.res.headersSent) removeResponseHeader(event, 'x-powered-by')
  })
})
