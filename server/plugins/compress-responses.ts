import { Buffer } from 'node:buffer'
import { appendResponseHeader, getRequestHeader, getResponseHeader, getResponseStatus, setResponseHeader } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { chooseEncoding, compressBody, isCompressibleType, MIN_COMPRESSED_BYTES } from '../utils/http/compress-body'

/**
 * HTML pages and JSON answers go out compressed where the browser accepts it: on a school WiFi
 * with thirty iPads, bytes are what the children wait for. Public files (the JS and CSS chunks)
 * are precompressed at build time (`compressPublicAssets`) and never reach this hook; media are
 * streams and pass untouched, so their Range answers stay byte-exact.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('beforeResponse', async (event, response) => {
    // Nuxt's error handler renders its page through an internal request, reads it as text and
    // sends that on with the inner headers: a compressed inner answer would arrive as mojibake.
    if (event.path.startsWith('/__nuxt_error')) return
    const body = bodyAsBuffer(response.body, getResponseHeader(event, 'Content-Type'))
    if (!body) return
    // Every answer that could be compressed names the header it depends on, compressed or not,
    // so no cache hands a gzip answer to a client that did not ask for one.
    appendResponseHeader(event, 'Vary', 'Accept-Encoding')
    if (body.json && !getResponseHeader(event, 'Content-Type')) setResponseHeader(event, 'Content-Type', 'application/json')
    const encoding = chooseEncoding(getRequestHeader(event, 'accept-encoding'))
    if (!encoding || body.bytes.length < MIN_COMPRESSED_BYTES || !compressible(event)) {
      if (body.json) response.body = body.bytes
      return
    }
    const compressed = await compressBody(body.bytes, encoding)
    response.body = compressed
    setResponseHeader(event, 'Content-Encoding', encoding)
    setResponseHeader(event, 'Content-Length', compressed.length)
  })
})

function compressible(event: Parameters<typeof getResponseHeader>[0]): boolean {
  const status = getResponseStatus(event)
  return event.method !== 'HEAD' && status !== 204 && status !== 304 && status !== 206
    && !getResponseHeader(event, 'Content-Encoding')
}

/**
 * The body as the bytes h3 would send, when it is text or JSON: strings of a compressible type,
 * and plain objects and arrays (h3 turns those into JSON). Streams, media buffers and anything
 * else are left to h3.
 */
function bodyAsBuffer(body: unknown, contentType: string | number | string[] | undefined): { bytes: Buffer, json: boolean } | null {
  const type = typeof contentType === 'string' ? contentType : undefined
  if (typeof body === 'string') return isCompressibleType(type ?? 'text/html') ? { bytes: Buffer.from(body), json: false } : null
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body) || body instanceof Uint8Array) return null
  const prototype = Object.getPrototypeOf(body)
  const plain = Array.isArray(body) || prototype === Object.prototype || prototype === null
  if (!plain || (type && !isCompressibleType(type))) return null
  return { bytes: Buffer.from(JSON.stringify(body)), json: true }
}
