import { buffer } from 'node:stream/consumers'
import { createError, getRequestHeader, type H3Event, sendRedirect, sendStream, setResponseHeaders, setResponseStatus } from 'h3'
import { clientHasEtag } from '../http/etag'
import type { BlobStat, BlobStore } from '../storage/blob-store'
import { isMediaFileName, isRunId, runBlobKey } from '../storage/run-keys'
import { parseByteRange } from './byte-range'
import type { BytesLru } from './bytes-lru'
import { mimeTypeOf } from './media-types'

/** Files up to this size (thumbnails, short sounds) are answered from memory once read. */
export const SMALL_MEDIA_BYTES = 256 * 1024

export interface ServeOptions {
  /** The file's stat when the caller already knows it (from memory): saves the storage read. */
  statOf?: (key: string) => Promise<BlobStat | null>
  /**
   * Small files by version: a class's gallery asks for the same thumbnails again and again, and
   * opening, resolving and streaming a 4 KB file costs more than the bytes.
   */
  smallFiles?: BytesLru
}

/**
 * Streams one media file of a run from the blob store with ETag/304 and single Range requests
 * (206/416), which iPad Safari needs before it plays audio or video. HEAD answers headers only.
 */
export async function serveRunMedia(event: H3Event, blobs: BlobStore, runId: string, file: string, options: ServeOptions = {}) {
  const statOf = options.statOf ?? ((key: string) => blobs.stat(key))
  if (event.method !== 'GET' && event.method !== 'HEAD') {
    setResponseHeaders(event, { Allow: 'GET, HEAD' })
    throw createError({ statusCode: 405, statusMessage: 'Media can only be read with GET or HEAD' })
  }
  const notFound = () => createError({ statusCode: 404, statusMessage: `No media file "${file}" in run "${runId}"` })
  if (!isRunId(runId) || !isMediaFileName(file)) throw notFound()
  const key = runBlobKey(runId, file)
  const stat = await statOf(key)
  if (!stat) throw notFound()
  const direct = await blobs.directUrl?.(key)
  if (direct) {
    // The bucket answers Range itself; the URL expires, so neither the redirect nor the URL is cached.
    setResponseHeaders(event, { 'Cache-Control': 'private, no-store' })
    return sendRedirect(event, direct, 302)
  }

  setResponseHeaders(event, {
    'Content-Type': mimeTypeOf(file),
    'ETag': stat.etag,
    'Last-Modified': stat.modifiedAt.toUTCString(),
    'Cache-Control': 'private, max-age=31536000, immutable',
    'Accept-Ranges': 'bytes',
  })
  if (clientHasEtag(event, stat.etag)) {
    return endWithoutBody(event, 304)
  }
  const ifRange = getRequestHeader(event, 'if-range')
  const range = ifRange && ifRange !== stat.etag ? null : parseByteRange(getRequestHeader(event, 'range'), stat.size)
  if (range === 'unsatisfiable') {
    setResponseHeaders(event, { 'Content-Range': `bytes */${stat.size}` })
    throw createError({ statusCode: 416, statusMessage: `The range is outside the file's ${stat.size} bytes` })
  }
  if (range) {
    setResponseStatus(event, 206)
    setResponseHeaders(event, { 'Content-Range': `bytes ${range.start}-${range.end}/${stat.size}` })
  }
  setResponseHeaders(event, { 'Content-Length': String(range ? range.end - range.start + 1 : stat.size) })
  if (event.method === 'HEAD') return endWithoutBody(event, range ? 206 : 200)
  if (options.smallFiles && stat.size <= SMALL_MEDIA_BYTES) {
    const data = await options.smallFiles.getOrMake(`${key}|${stat.etag}`, async () => buffer(await blobs.read(key)))
    return range ? data.subarray(range.start, range.end + 1) : data
  }
  return sendStream(event, await blobs.read(key, range ?? undefined))
}

/** h3 turns a `null` answer into 204, which is wrong for HEAD and 304. */
function endWithoutBody(event: H3Event, status: number) {
  event.node.res.statusCode = status
  event.node.res.end()
}
