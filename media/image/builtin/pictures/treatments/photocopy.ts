import { parseHex } from '../../colour'
import { blotches, grain, vignette } from '../film-marks'
import { blankRaster, clampedPixels, luminancePlane } from '../raster'
import type { Treatment } from './treatment'

const PAPER = parseHex('#eceae4')
const TONER = parseHex('#222222')

/**
 * A copy of a copy: hard black and white toner, a faint ghost of the previous copy slightly
 * shifted, toner specks and a darkened edge where the lid did not close.
 */
export const photocopy: Treatment = (input, steer) => {
  const { width, height } = input
  const light = luminancePlane(input)
  const ghostX = Math.round(width * (0.008 + steer.rand() * 0.01))
  const ghostY = Math.round(height * (0.004 + steer.rand() * 0.008))
  const out = blankRaster(width, height, PAPER)
  const outBytes = clampedPixels(out)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x
      const toner = 1 - smoothContrast(light[index]! / 255)
      const ghostSource = Math.min(height - 1, Math.max(0, y - ghostY)) * width + Math.min(width - 1, Math.max(0, x - ghostX))
      const ghost = (1 - smoothContrast(light[ghostSource]! / 255)) * 0.22
      const ink = Math.max(toner, ghost)
      outBytes[index * 3] = PAPER.r + (TONER.r - PAPER.r) * ink
      outBytes[index * 3 + 1] = PAPER.g + (TONER.g - PAPER.g) * ink
      outBytes[index * 3 + 2] = PAPER.b + (TONER.b - PAPER.b) * ink
    }
  }
  blotches(out, 160, steer.rand, () => TONER, [0.0006, 0.002], 0.8)
  vignette(out, 0.45, TONER, 6)
  grain(out, 16, steer.rand)
  return out
}

/** Steep around the middle grey: most tones end up toner or paper. */
function smoothContrast(value: number): number {
  const t = Math.min(1, Math.max(0, (value - 0.3) / 0.4))
  return t * t * (3 - 2 * t)
}
