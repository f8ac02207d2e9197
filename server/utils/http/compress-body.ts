import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Below this a compressed answer saves less than its headers and the CPU cost. */
export const MIN_COMPRESSED_BYTES = 1024

const COMPRESSIBLE_TYPE = /^(text\/|application\/(json|javascript|xml|manifest\+json|x-ndjson)|image\/svg\+xml)/i

export type ContentEncoding = 'br' | 'gzip'

export function isCompressibleType(contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE_TYPE.test(contentType)
}

/**
 * The encoding to answer with, from an `Accept-Encoding` header: Brotli where the client takes it
 * (every iPad Safari since 11), else gzip; none where the client refuses both or names neither.
 */
export function chooseEncoding(acceptEncoding: string | undefined): ContentEncoding | null {
  if (!acceptEncoding) return null
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';')
    const quality = parameters.map(parameter => parameter.trim()).find(parameter => parameter.startsWith('q='))
    accepted.set(name!, quality ? Number(quality.slice(2)) || 0 : 1)
  }
  const wildcard = accepted.get('*')
  const takes = (encoding: ContentEncoding) => (accepted.get(encoding) ?? wildcard ?? 0) > 0
  if (takes('br')) return 'br'
  if (takes('gzip')) return 'gzip'
  return null
}

/**
 * Dynamic answers are compressed on every request, so Brotli runs at a middle quality: about as
 * small as gzip -9 at a fraction of the cost of Brotli's default 11.
 */
export async function compressBody(body: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
  }
  return gzipAsync(body, { level: 6 })
}
