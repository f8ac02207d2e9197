import sharp from '../../media/sharp'
import type { FaceBox } from './face-detector'

/** Around each face, so hair, ears and chin are hidden too. */
const MARGIN = 0.35

/** Decoded pixels as reencode-picture.ts makes them: sRGB, with or without alpha. */
export interface RawPicture { pixels: Buffer, width: number, height: number, channels: 3 | 4 }

/**
 * Makes each face unrecognisable: the region (with a margin) is shrunk to a few pixels across and
 * blurred back to size, which no sharpening undoes. Answers the picture's new raw pixels.
 */
export async function blurFaces(picture: RawPicture, faces: FaceBox[]): Promise<Buffer> {
  if (faces.length === 0) return picture.pixels
  const raw = { width: picture.width, height: picture.height, channels: picture.channels }
  const patches = await Promise.all(faces.map(face => regionOf(face, picture)).map(async (region) => {
    const coarse = Math.max(3, Math.round(Math.max(region.width, region.height) / 24))
    const tiny = await sharp(picture.pixels, { raw }).extract(region).resize(coarse, coarse, { fit: 'fill' }).raw().toBuffer()
    const input = await sharp(tiny, { raw: { width: coarse, height: coarse, channels: picture.channels } })
      .resize(region.width, region.height, { fit: 'fill', kernel: 'cubic' }).blur(Math.max(2, region.width / 20)).raw().toBuffer()
    return { input, raw: { width: region.width, height: region.height, channels: picture.channels }, left: region.left, top: region.top }
  }))
  // Compositing adds an alpha channel; the picture keeps the channels it came with.
  const composed = sharp(picture.pixels, { raw }).composite(patches)
  return (picture.channels === 4 ? composed : composed.removeAlpha()).raw().toBuffer()
}

function regionOf(face: FaceBox, picture: { width: number, height: number }) {
  const left = Math.min(picture.width - 1, Math.max(0, Math.floor(face.x - face.width * MARGIN)))
  const top = Math.min(picture.height - 1, Math.max(0, Math.floor(face.y - face.height * MARGIN)))
  const right = Math.min(picture.width, Math.ceil(face.x + face.width * (1 + MARGIN)))
  const bottom = Math.min(picture.height, Math.ceil(face.y + face.height * (1 + MARGIN)))
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) }
}
