import sharp from '../../server/utils/media/sharp'
import { BackendError } from '../../server/utils/providers/backends/backend-error'
import type { GeneratedMedia } from '../../server/utils/providers/types'

const IMAGE_FORMATS: Record<string, { mime: string, extension: string }> = {
  png: { mime: 'image/png', extension: 'png' },
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  webp: { mime: 'image/webp', extension: 'webp' },
}

/** Image bytes from a hosted API, checked by decoding them: what it really is, and how big. */
export async function describeImage(data: Buffer, label: string): Promise<GeneratedMedia> {
  const metadata = await sharp(data).metadata().catch(() => null)
  const format = metadata?.format ? IMAGE_FORMATS[metadata.format] : undefined
  if (!metadata || !format) throw new BackendError('bad_answer', `${label} sent an image we cannot read (${metadata?.format ?? 'not an image'})`)
  return { data, ...format, width: metadata.width ?? null, height: metadata.height ?? null, duration_s: null }
}
