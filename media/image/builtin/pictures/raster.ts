import sharp from '../../../../server/utils/media/sharp'
import type { Sharp } from 'sharp'

/** A picture as plain RGB bytes, row by row: what the treatments change pixel by pixel. */
export interface Raster {
  width: number
  height: number
  /** width × height × 3 bytes, red, green, blue. */
  pixels: Buffer
}

export function blankRaster(width: number, height: number, fill = { r: 255, g: 255, b: 255 }): Raster {
  const pixels = Buffer.alloc(width * height * 3)
  for (let index = 0; index < pixels.length; index += 3) {
    pixels[index] = fill.r
    pixels[index + 1] = fill.g
    pixels[index + 2] = fill.b
  }
  return { width, height, pixels }
}

/** A student's JPEG or PNG, turned upright (EXIF), transparency laid on white, cropped to fill the box. */
export async function decodePicture(data: Buffer, width: number, height: number): Promise<Raster> {
  return toRaster(sharp(data).rotate().flatten({ background: '#ffffff' }).resize(width, height, { fit: 'cover' }))
}

/** Runs a sharp pipeline over a raster; the result is always three channels, whatever the pipeline did. */
export async function throughSharp(raster: Raster, pipeline: (image: Sharp) => Sharp): Promise<Raster> {
  return toRaster(pipeline(sharp(raster.pixels, { raw: { width: raster.width, height: raster.height, channels: 3 } })))
}

/** Decodes whatever a sharp pipeline produces into a three-channel raster. */
export async function toRaster(image: Sharp): Promise<Raster> {
  const { data, info } = await image.toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true })
  if (info.channels === 3) return { width: info.width, height: info.height, pixels: data }
  // A greyscale result has one channel; the treatments all read three.
  const pixels = Buffer.alloc(info.width * info.height * 3)
  for (let index = 0; index < info.width * info.height; index++) pixels.fill(data[index * info.channels]!, index * 3, index * 3 + 3)
  return { width: info.width, height: info.height, pixels }
}

export async function encodePng(raster: Raster, width: number, height: number): Promise<Buffer> {
  let image = sharp(raster.pixels, { raw: { width: raster.width, height: raster.height, channels: 3 } })
  if (raster.width !== width || raster.height !== height) image = image.resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
  return image.png({ compressionLevel: 6 }).toBuffer()
}

/** Brightness 0..255 of every pixel (Rec. 601 weights, as the eye sees it). */
export function luminancePlane(raster: Raster): Float32Array {
  const plane = new Float32Array(raster.width * raster.height)
  const { pixels } = raster
  for (let index = 0; index < plane.length; index++) {
    plane[index] = 0.299 * pixels[index * 3]! + 0.587 * pixels[index * 3 + 1]! + 0.114 * pixels[index * 3 + 2]!
  }
  return plane
}

/**
 * The raster's bytes as a clamped array: writes round and clamp to 0..255 by themselves, which in
 * the per-pixel loops costs a fraction of a clamp function call.
 */
export const clampedPixels = (raster: Raster) => new Uint8ClampedArray(raster.pixels.buffer, raster.pixels.byteOffset, raster.pixels.length)

export const clampByte = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value))
