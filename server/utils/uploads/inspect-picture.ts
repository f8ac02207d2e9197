import sharp from '../media/sharp'
import { uploadRefusal } from './upload-refusal'

export const MAX_UPLOAD_PIXELS = 40_000_000

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp'])
/** ISO-BMFF brands of HEIC/HEIF pictures (the `ftyp` box at the start of the file). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'])
const isHeic = (data: Buffer) => data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp' && HEIC_BRANDS.has(data.toString('latin1', 8, 12))

/**
 * Reads only the picture's header (format and size) and refuses what must never be decoded: a
 * type we do not take, and more pixels than 40 megapixels, such as a tiny file that claims
 * 30,000 × 30,000. The declared content type of the part only counts when it says "not a picture".
 */
export async function inspectPicture(data: Buffer, declaredType: string): Promise<{ format: string, width: number, height: number }> {
  if (declaredType && !/^image\//i.test(declaredType) && declaredType !== 'application/octet-stream') {
    throw uploadRefusal(415, 'wrong_type', `A ${declaredType} file is not a picture. Choose a photo (JPEG, PNG or WebP).`)
  }
  // sharp's prebuilt libheif decodes AVIF only, not HEVC: an iPhone/iPad HEIC cannot be opened here.
  if (isHeic(data)) {
    throw uploadRefusal(415, 'heic', 'HEIC pictures cannot be opened here. Please send the photo as JPEG (on the iPad: Settings → Camera → Formats → Most Compatible).')
  }
  // The header only: no pixel is decoded here, so no pixel limit either (sharp's default would refuse a bomb as "not a picture").
  const metadata = await sharp(data, { limitInputPixels: false }).metadata().catch(() => null)
  if (!metadata?.format || !metadata.width || !metadata.height) {
    throw uploadRefusal(400, 'not_a_picture', 'This file is not a picture we can open, or it is broken. Choose a photo (JPEG, PNG or WebP).')
  }
  if (!ACCEPTED_FORMATS.has(metadata.format)) {
    throw uploadRefusal(415, 'wrong_type', `${metadata.format.toUpperCase()} pictures are not taken. Choose a photo (JPEG, PNG or WebP).`)
  }
  if (metadata.width * metadata.height > MAX_UPLOAD_PIXELS) {
    throw uploadRefusal(413, 'too_many_pixels', `The picture has too many pixels (${metadata.width} × ${metadata.height}); at most ${MAX_UPLOAD_PIXELS / 1_000_000} megapixels are taken.`)
  }
  return { format: metadata.format, width: metadata.width, height: metadata.height }
}
