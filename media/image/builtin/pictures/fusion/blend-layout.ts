import { blankRaster, clampedPixels, decodePicture, type Raster } from '../raster'
import { toPixels, type FusionPlan } from './fusion-plan'

const REACH = 0.27
/** Every picture keeps this much weight everywhere: a double exposure, not a cut. */
const FLOOR = 0.14

/**
 * A double (or triple) exposure: all pictures over the whole canvas, each strongest around its own
 * point; the points sit around the centre at an angle from the seed.
 */
export function planBlend(count: number, width: number, height: number, rand: () => number): FusionPlan {
  const turn = rand() * Math.PI * 2
  const tiles = Array.from({ length: count }, (_, index) => {
    const angle = turn + (index * Math.PI * 2) / count
    const centreX = 0.5 + Math.cos(angle) * 0.3, centreY = 0.5 + Math.sin(angle) * 0.3
    return toPixels({ left: centreX - 0.15, top: centreY - 0.15, width: 0.3, height: 0.3 }, width, height)
  })
  return { layout: 'blend', width, height, tiles }
}

export async function composeBlend(plan: FusionPlan, pictures: readonly Buffer[]): Promise<Raster> {
  const { width, height } = plan
  const layers = await Promise.all(plan.tiles.map((_, index) => decodePicture(pictures[index]!, width, height)))
  const centres = plan.tiles.map(tile => ({ x: (tile.left + tile.width / 2) / width, y: (tile.top + tile.height / 2) / height }))
  const canvas = blankRaster(width, height)
  const canvasBytes = clampedPixels(canvas)
  // The Gaussian separates into a row factor times a column factor: no exp() per pixel.
  const spread = 2 * REACH * REACH
  const columnFalloff = centres.map(centre => Float32Array.from({ length: width }, (_, x) => Math.exp(-((x / width - centre.x) ** 2) / spread)))
  const rowFalloff = centres.map(centre => Float32Array.from({ length: height }, (_, y) => Math.exp(-((y / height - centre.y) ** 2) / spread)))
  const weights = new Float32Array(layers.length)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let total = 0
      for (let layer = 0; layer < layers.length; layer++) {
        weights[layer] = FLOOR + rowFalloff[layer]![y]! * columnFalloff[layer]![x]!
        total += weights[layer]!
      }
      const at = (y * width + x) * 3
      for (let channel = 0; channel < 3; channel++) {
        let value = 0
        for (let layer = 0; layer < layers.length; layer++) value += layers[layer]!.pixels[at + channel]! * weights[layer]!
        canvasBytes[at + channel] = value / total
      }
    }
  }
  return canvas
}
