import { darken, mix, parseHex, type Rgb } from '../../colour'
import { edgeStrength } from '../edges'
import { blankRaster, clampedPixels, luminancePlane, throughSharp } from '../raster'
import { scaled, type Treatment } from './treatment'

const PAPER = parseHex('#1d4f91')
const INK = parseHex('#eef4ff')

const smoothstep = (from: number, to: number, value: number) => {
  const t = Math.min(1, Math.max(0, (value - from) / (to - from)))
  return t * t * (3 - 2 * t)
}

/**
 * A technical drawing: the photo's edges (Sobel) become white lines on blueprint paper with a
 * faint measuring grid and a frame; a trace of the shading stays so surfaces read as surfaces.
 * A colour in the idea becomes the paper's colour.
 */
export const blueprintLines: Treatment = async (input, steer) => {
  const softened = await throughSharp(input, image => image.blur(scaled(input, 1.6)))
  const edges = edgeStrength(softened)
  const light = luminancePlane(softened)
  const paper: Rgb = steer.accent ? mix(PAPER, darken(steer.accent, 0.45), 0.8 * steer.accentStrength) : PAPER
  const { width, height } = input
  const drawing = blankRaster(width, height, paper)
  const drawingBytes = clampedPixels(drawing)
  const cell = Math.max(8, Math.round(Math.min(width, height) / 24))
  const margin = Math.round(Math.min(width, height) * 0.03)
  const frameWidth = Math.max(1, Math.round(margin / 8))
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * width + x
      const onGrid = x % cell === 0 || y % cell === 0 ? 0.16 : 0
      const inFrame = Math.min(x, y, width - 1 - x, height - 1 - y)
      const onFrame = inFrame >= margin && inFrame < margin + frameWidth ? 0.9 : 0
      const line = smoothstep(0.22, 0.6, edges[at]!)
      const shade = (light[at]! / 255) * 0.14
      const ink = Math.max(onGrid, onFrame, line, shade)
      drawingBytes[at * 3] = paper.r + (INK.r - paper.r) * ink
      drawingBytes[at * 3 + 1] = paper.g + (INK.g - paper.g) * ink
      drawingBytes[at * 3 + 2] = paper.b + (INK.b - paper.b) * ink
    }
  }
  return drawing
}
