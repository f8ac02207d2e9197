import sharp from '../../../../../../server/utils/media/sharp'

export interface Region { left: number, top: number, width: number, height: number }

/**
 * Brightness of a picture (or a region of it) shrunk to size × size: what a picture shows, without
 * grain, compression noise or fine texture.
 */
export async function greySample(picture: Buffer, size = 32, region?: Region): Promise<Float64Array> {
  let image = sharp(picture).flatten({ background: '#ffffff' })
  if (region) image = sharp(await image.extract(region).png().toBuffer())
  const data = await image.resize(size, size, { fit: 'fill' }).greyscale().raw().toBuffer()
  return Float64Array.from(data)
}

/** Where the brightness changes (difference to the right and below neighbours), on the same small grid. */
export async function edgeSample(picture: Buffer, size = 64, region?: Region): Promise<Float64Array> {
  const big = await greySample(picture, size * 4, region)
  const edges = new Float64Array(size * size)
  const width = size * 4
  for (let y = 0; y < width - 1; y++) {
    for (let x = 0; x < width - 1; x++) {
      const at = y * width + x
      const step = Math.abs(big[at]! - big[at + 1]!) + Math.abs(big[at]! - big[at + width]!)
      edges[Math.floor(y / 4) * size + Math.floor(x / 4)]! += step
    }
  }
  return edges
}

/** Pearson correlation: 1 = the same picture up to brightness and contrast, 0 = unrelated. */
export function correlation(a: Float64Array, b: Float64Array): number {
  const mean = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0) / values.length
  const meanA = mean(a), meanB = mean(b)
  let product = 0, squaresA = 0, squaresB = 0
  for (let index = 0; index < a.length; index++) {
    const da = a[index]! - meanA, db = b[index]! - meanB
    product += da * db
    squaresA += da * da
    squaresB += db * db
  }
  return product / Math.sqrt(squaresA * squaresB || 1)
}

/** The student's picture as the renderer sees it before any treatment: upright, on white, cropped to fill. */
export async function asRendered(picture: Buffer, width: number, height: number): Promise<Buffer> {
  return sharp(picture).rotate().flatten({ background: '#ffffff' }).resize(width, height, { fit: 'cover' }).png().toBuffer()
}

export async function meanColour(picture: Buffer): Promise<[number, number, number]> {
  const { channels } = await sharp(picture).stats()
  return [channels[0]!.mean, channels[1]!.mean, channels[2]!.mean]
}

