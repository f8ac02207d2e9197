import { parseHex } from '../../colour'
import { blankRaster, clampByte, clampedPixels, throughSharp } from '../raster'
import type { Treatment } from './treatment'

const BACKGROUND = parseHex('#fbfaf6')
const LEVELS = 4

/**
 * Shapes for coding: the photo as a grid of circles, as a p5.js sketch would draw it. Each circle
 * has its block's colour (a few levels per channel) and grows with the block's darkness.
 */
export const shapeMosaic: Treatment = async (input, steer) => {
  const { width, height } = input
  const block = Math.max(4, Math.round(Math.min(width, height) / (20 + Math.floor(steer.rand() * 10))))
  const columns = Math.ceil(width / block), rows = Math.ceil(height / block)
  const small = await throughSharp(input, image => image.resize(columns, rows, { fit: 'fill' }).modulate({ saturation: 1.3 }))
  const step = 255 / (LEVELS - 1)
  const out = blankRaster(width, height, BACKGROUND)
  const outBytes = clampedPixels(out)
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const at = (row * columns + column) * 3
      const [r, g, b] = [small.pixels[at]!, small.pixels[at + 1]!, small.pixels[at + 2]!]
      const darkness = 1 - (0.299 * r + 0.587 * g + 0.114 * b) / 255
      const radius = (block / 2) * (0.35 + 0.65 * Math.sqrt(darkness)) + 0.5
      const fill = [r, g, b].map(value => clampByte(Math.round(value / step) * step * 0.9))
      const centreX = column * block + block / 2, centreY = row * block + block / 2
      for (let y = row * block; y < Math.min(height, (row + 1) * block); y++) {
        for (let x = column * block; x < Math.min(width, (column + 1) * block); x++) {
          const coverage = Math.min(1, Math.max(0, radius - Math.hypot(x + 0.5 - centreX, y + 0.5 - centreY)))
          if (coverage <= 0) continue
          const pixel = (y * width + x) * 3
          for (let channel = 0; channel < 3; channel++) {
            outBytes[pixel + channel] = out.pixels[pixel + channel]! + (fill[channel]! - out.pixels[pixel + channel]!) * coverage
          }
        }
      }
    }
  }
  return out
}
