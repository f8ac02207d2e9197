import type { MediaType } from '#shared/schemas/common'
import sharp from '../../media/sharp'
import { mimeTypeOf } from '../../media/media-types'
import { readWavLayout } from '../../media/wav-layout'
import { BackendError } from '../backends/backend-error'
import { backendFetch, type BackendRequestOptions } from '../backends/backend-http'
import type { GeneratedMedia } from '../types'

/** Knobs tests turn down; production uses the defaults. */
export interface HostedOptions {
  /** First retry backoff step (backendFetch). */
  backoffMs?: number
  /** Between two polls of a Replicate prediction. */
  pollIntervalMs?: number
}

const IMAGE_FORMATS: Record<string, { mime: string, extension: string }> = {
  png: { mime: 'image/png', extension: 'png' },
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  webp: { mime: 'image/webp', extension: 'webp' },
}

const AUDIO_TYPES: Record<string, string> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/ogg': 'ogg', 'audio/flac': 'flac' }

/**
 * A 401 is a bad key: say which setting to look at. A 403 is a good key without the right
 * ("Your organization must be verified to use the model gpt-image-1"): its own words say more.
 */
export function explainKeyProblem(error: unknown, label: string): unknown {
  if (error instanceof BackendError && error.status === 401) {
    return new BackendError('rejected', `${label} did not accept the API key (${error.status}): check api_key in the provider settings`, error.status, null, error.body)
  }
  return error
}

/** Image bytes from a hosted API, checked by decoding them: what it really is, and how big. */
export async function describeImage(data: Buffer, label: string): Promise<GeneratedMedia> {
  const metadata = await sharp(data).metadata().catch(() => null)
  const format = metadata?.format ? IMAGE_FORMATS[metadata.format] : undefined
  if (!metadata || !format) throw new BackendError('bad_answer', `${label} sent an image we cannot read (${metadata?.format ?? 'not an image'})`)
  return { data, ...format, width: metadata.width ?? null, height: metadata.height ?? null, duration_s: null }
}

/** Length of a PCM WAV from its header; null for anything else. */
function wavDuration(data: Buffer): number | null {
  const layout = data.length < 44 ? null : readWavLayout(data)
  return layout && layout.byteRate > 0 ? Math.round(layout.declaredSize / layout.byteRate * 100) / 100 : null
}

/**
 * Downloads a result file at once (hosted APIs delete them after about an hour) and checks that
 * it is the media the output asked for, so a stray HTML error page never becomes a child's picture.
 */
export async function downloadMedia(url: string, mediaType: MediaType, options: BackendRequestOptions): Promise<GeneratedMedia> {
  let response: Response
  try {
    response = await backendFetch(url, {}, options)
  }
  catch (error) {
    if (error instanceof BackendError && (error.status === 404 || error.status === 410)) {
      throw new BackendError('rejected', `${options.label} no longer has the result file (${error.status}); hosted results are deleted after about an hour`, error.status)
    }
    throw error
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const data = Buffer.from(await response.arrayBuffer())
  if (mediaType === 'image') {
    if (type && !type.startsWith('image/') && type !== 'application/octet-stream') {
      throw new BackendError('bad_answer', `${options.label} sent ${type} instead of an image`)
    }
    return describeImage(data, options.label)
  }
  const extension = AUDIO_TYPES[type] ?? (type === 'application/octet-stream' ? /\.(wav|mp3|ogg|flac)(?:\?|$)/.exec(url)?.[1] : undefined)
  if (!extension || (mediaType !== 'audio')) throw new BackendError('bad_answer', `${options.label} sent ${type || 'a file without a type'} instead of ${mediaType}`)
  return { data, mime: mimeTypeOf(`output.${extension}`), extension, width: null, height: null, duration_s: extension === 'wav' ? wavDuration(data) : null }
}
