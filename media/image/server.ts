import { z } from 'zod'
import sharp from '../../server/utils/media/sharp'
import { BackendError } from '../../server/utils/providers/backends/backend-error'
import type { Medium, Thumbnail } from '../types'
import { BuiltinImageProvider } from './builtin/builtin-image'
import { describeImage } from './describe-image'

const LONGEST_SIDE = 256

async function imageThumbnail(image: Buffer): Promise<Thumbnail> {
  const { data, info } = await sharp(image)
    .resize(LONGEST_SIDE, LONGEST_SIDE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/** Still pictures. ComfyUI reports animations under `images` too (with `animated: [true]`): those are not pictures. */
export const image: Medium = {
  type: 'image',
  parameters: z.object({ width: z.number().int().min(64).max(4096).optional(), height: z.number().int().min(64).max(4096).optional() }).loose(),
  files: { png: 'image/png', webp: 'image/webp', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif' },
  comfyuiSaveNode: 'a SaveImage node',
  builtinProviders: () => [new BuiltinImageProvider()],
  isComfyuiFile: saved => saved.mime.startsWith('image/') && !saved.animated,
  async fromDownload({ data, contentType, label }) {
    if (contentType && !contentType.startsWith('image/') && contentType !== 'application/octet-stream') {
      throw new BackendError('bad_answer', `${label} sent ${contentType} instead of an image`)
    }
    return describeImage(data, label)
  },
  thumbnail: media => imageThumbnail(media.data),
  async probe(media) {
    const { width, height } = await sharp(media.data).metadata()
    return { width: width ?? media.width, height: height ?? media.height, duration_s: null }
  },
  picturesToCheck: async stored => [stored.data],
}
