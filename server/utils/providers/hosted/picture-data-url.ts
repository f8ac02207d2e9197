import sharp from '../../media/sharp'
import type { InputPicture } from '../types'

/**
 * Replicate takes a file input as a data URL, "only recommended if the file is less than 1MB"
 * (replicate.com/docs/topics/predictions/input-files); bigger files would go through its files
 * API and stay stored there. A stored picture over that size is sent smaller instead.
 */
export const DATA_URL_MAX_BYTES = 1_000_000

/** Long sides tried in turn for a picture too big to send as it is stored. */
const SMALLER_SIDES = [2048, 1536, 1024, 768, 512]

/** The run's stored picture as a data URL: its bytes as they are, or (over 1 MB) a smaller JPEG of them. */
export async function pictureDataUrl(picture: InputPicture): Promise<string> {
  if (picture.data.length <= DATA_URL_MAX_BYTES) return `data:${picture.mime};base64,${picture.data.toString('base64')}`
  return `data:image/jpeg;base64,${(await smallerJpeg(picture.data)).toString('base64')}`
}

/** The same picture, re-encoded without metadata (sharp keeps none unless asked), under the limit. */
async function smallerJpeg(data: Buffer): Promise<Buffer> {
  let smaller = data
  for (const side of SMALLER_SIDES) {
    smaller = await sharp(data).resize(side, side, { fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer()
    if (smaller.length <= DATA_URL_MAX_BYTES) break
  }
  return smaller
}
