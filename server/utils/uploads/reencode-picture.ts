import sharp from '../media/sharp'
import type { RawPicture } from '../safety/faces/blur-faces'
import { MAX_UPLOAD_PIXELS } from './inspect-picture'
import { uploadRefusal } from './upload-refusal'

export const MAX_SIDE = 2048

/**
 * Decodes the upload once: turned upright by its EXIF orientation, at most 2048 px on its longest
 * side, in sRGB, as raw pixels. Nothing of the file's metadata survives into the pixels. A file
 * that ends early or is broken inside is refused.
 */
export async function decodeUpright(data: Buffer): Promise<RawPicture> {
  try {
    const { data: pixels, info } = await sharp(data, { limitInputPixels: MAX_UPLOAD_PIXELS, failOn: 'truncated', pages: 1 })
      .rotate()
      .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
    return { pixels, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 }
  }
  catch {
    throw uploadRefusal(400, 'not_a_picture', 'This picture is broken or incomplete (perhaps the upload was cut off). Try again or choose another picture.')
  }
}

/** Only a picture someone can see through somewhere keeps its alpha channel. */
export function hasTransparency(picture: RawPicture): boolean {
  if (picture.channels !== 4) return false
  for (let index = picture.channels - 1; index < picture.pixels.length; index += picture.channels) {
    if (picture.pixels[index]! < 255) return true
  }
  return false
}

/** The picture as stored and sent on: PNG when it has transparency, JPEG otherwise; no metadata at all. */
export async function encodePicture(picture: RawPicture): Promise<{ data: Buffer, mime: 'image/jpeg' | 'image/png' }> {
  const raw = sharp(picture.pixels, { raw: { width: picture.width, height: picture.height, channels: picture.channels } })
  if (hasTransparency(picture)) return { data: await raw.png().toBuffer(), mime: 'image/png' }
  return { data: await raw.removeAlpha().jpeg({ quality: 88, mozjpeg: true }).toBuffer(), mime: 'image/jpeg' }
}

/** Three channels for the face detector. */
export async function rgbOf(picture: RawPicture): Promise<Buffer> {
  if (picture.channels === 3) return picture.pixels
  return sharp(picture.pixels, { raw: { width: picture.width, height: picture.height, channels: picture.channels } })
    .removeAlpha().toColourspace('srgb').raw().toBuffer()
}
