import { buffer } from 'node:stream/consumers'
import { createError, getQuery, type H3Event, setResponseHeaders } from 'h3'
import { clientHasEtag } from '../http/etag'
import type { BlobStat, BlobStore } from '../storage/blob-store'
import { BytesLru } from './bytes-lru'
import { runBlobKey } from '../storage/run-keys'
import sharp from './sharp'

/**
 * The widths a thumbnail comes in (`?w=`), for `srcset`: a 72 px table cell on a plain screen
 * needs 128, a gallery tile on a Retina iPad 512, a projector's wall tile 768. The stored
 * thumbnail (256 px) is served as it is without `?w`.
 */
export const THUMBNAIL_WIDTHS = [128, 512, 768] as const
const STORED_THUMBNAIL_WIDTH = 256
/** A class's gallery at every width fits; the least recently used go first beyond it. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024

/** `?w=` as a width we make, null without it; anything else is a 400 with the widths we offer. */
export function requestedThumbnailWidth(event: H3Event): number | null {
  const raw = getQuery(event).w
  if (raw === undefined) return null
  const width = Number(raw)
  if (!THUMBNAIL_WIDTHS.includes(width as typeof THUMBNAIL_WIDTHS[number])) {
    throw createError({ statusCode: 400, statusMessage: `A thumbnail comes ${THUMBNAIL_WIDTHS.join(', ')} or 256 (without w) pixels wide` })
  }
  return width
}

/**
 * Which stored file a thumbnail of this width is made from: the picture itself when it is wider
 * than the stored thumbnail (a Retina tile needs more than 256 px), else the thumbnail.
 */
export function thumbnailSource(output: { filename: string, mime: string, thumbnail: string | null }, width: number): string {
  return width > STORED_THUMBNAIL_WIDTH && output.mime.startsWith('image/') ? output.filename : output.thumbnail!
}

/**
 * Thumbnails at other widths, made once per version of the source file (its ETag is part of the
 * key, so a run generated again gets new ones) and kept in memory: a class loading the gallery at
 * once costs one resize per picture, not one per iPad.
 */
export class SizedThumbnails {
  private readonly cache = new BytesLru(MAX_CACHED_BYTES)

  constructor(private readonly blobs: BlobStore) {}

  async serve(event: H3Event, runId: string, source: string, stat: BlobStat, width: number) {
    if (event.method !== 'GET' && event.method !== 'HEAD') {
      setResponseHeaders(event, { Allow: 'GET, HEAD' })
      throw createError({ statusCode: 405, statusMessage: 'Media can only be read with GET or HEAD' })
    }
    const etag = `"${stat.etag.replace(/^W\//, '').replaceAll('"', '')}-w${width}"`
    setResponseHeaders(event, { 'Content-Type': 'image/webp', 'ETag': etag, 'Cache-Control': 'private, max-age=31536000, immutable', 'Vary': 'Accept-Encoding' })
    if (clientHasEtag(event, etag)) {
      event.node.res.statusCode = 304
      return event.node.res.end()
    }
    const data = await this.cache.getOrMake(`${runId}/${source}/${etag}`, async () => {
      const stored = await buffer(await this.blobs.read(runBlobKey(runId, source)))
      return sharp(stored)
        .resize(width, width, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: width > STORED_THUMBNAIL_WIDTH ? 75 : 80 })
        .toBuffer()
    })
    setResponseHeaders(event, { 'Content-Length': String(data.length) })
    if (event.method === 'HEAD') return event.node.res.end()
    return data
  }
}
