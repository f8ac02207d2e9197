import { parseHex } from '../../colour'
import { blotches, grain, vignette } from '../film-marks'
import { blankRaster, clampedPixels } from '../raster'
import { glaze, mapChannels } from '../tone'
import type { Treatment } from './treatment'

const BUBBLES = [parseHex('#3fe0d0'), parseHex('#ff4fb8'), parseHex('#d9d9e6'), parseHex('#c6ff5a')]
const BURNT = parseHex('#2b0c02')

/**
 * Film boiled before developing: the colour layers slip apart and cross over (each channel its own
 * seeded curve, one channel bleeds into the next), bubbles of false colour and burnt edges.
 */
export const cookedNegative: Treatment = (input, steer) => {
  const { width, height } = input
  const slip = Math.max(1, Math.round(width * (0.006 + steer.rand() * 0.008)))
  const shifted = blankRaster(width, height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3
      const fromRed = (y * width + Math.min(width - 1, x + slip)) * 3
      const fromBlue = (Math.min(height - 1, y + slip) * width + Math.max(0, x - slip)) * 3 + 2
      shifted.pixels[at] = input.pixels[fromRed]!
      shifted.pixels[at + 1] = input.pixels[at + 1]!
      shifted.pixels[at + 2] = input.pixels[fromBlue]!
    }
  }
  const gammas = [0, 1, 2].map(() => 0.6 + steer.rand() * 0.9)
  const lifts = [0, 1, 2].map(() => steer.rand() * 40)
  mapChannels(shifted, (value, channel) => lifts[channel]! + (255 - lifts[channel]!) * (value / 255) ** gammas[channel]!)
  // One layer bleeds into the next: the "wrong" colours of cooked film without losing the picture.
  const bleed = Math.floor(steer.rand() * 3)
  const pixels = clampedPixels(shifted)
  for (let at = 0; at < pixels.length; at += 3) {
    const target = at + bleed, source = at + ((bleed + 1) % 3)
    pixels[target] = pixels[target]! * 0.55 + pixels[source]! * 0.45
  }
  if (steer.accent) glaze(shifted, steer.accent, 0.3 * steer.accentStrength)
  blotches(shifted, 8 + Math.floor(steer.rand() * 10), steer.rand, index => BUBBLES[index % BUBBLES.length]!, [0.012, 0.05], 0.5)
  vignette(shifted, 0.95, BURNT, 5)
  grain(shifted, 18, steer.rand)
  return shifted
}
