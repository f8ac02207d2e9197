import { parseHex } from '../../colour'
import { edgeStrength } from '../edges'
import { grain } from '../film-marks'
import { blankRaster, clampedPixels, luminancePlane, type Raster, throughSharp } from '../raster'
import { scaled, type Treatment } from './treatment'

const INK = parseHex('#1c1b19')
const PAPER = parseHex('#f1e8d4')
const SEAL = parseHex('#b3261e')
/** Four washes of ink, from the darkest to the paper itself. */
const WASHES = [0.05, 0.38, 0.68, 1]

/**
 * Ink and poem: the photo as a few washes of diluted ink on rice paper, its edges drawn with the
 * brush, and a red seal in a corner chosen by the seed.
 */
export const inkWash: Treatment = async (input, steer) => {
  const softened = await throughSharp(input, image => image.blur(scaled(input, 2.2)))
  const light = luminancePlane(softened)
  const edges = edgeStrength(softened)
  const { width, height } = input
  const out = blankRaster(width, height, PAPER)
  const outBytes = clampedPixels(out)
  for (let index = 0; index < light.length; index++) {
    const wash = WASHES[Math.min(WASHES.length - 1, Math.floor((light[index]! / 256) * WASHES.length))]!
    const ink = Math.min(1, (1 - wash) + edges[index]! * 0.55)
    const at = index * 3
    outBytes[at] = PAPER.r + (INK.r - PAPER.r) * ink
    outBytes[at + 1] = PAPER.g + (INK.g - PAPER.g) * ink
    outBytes[at + 2] = PAPER.b + (INK.b - PAPER.b) * ink
  }
  stampSeal(out, steer.rand() < 0.5)
  grain(out, 6, steer.rand)
  return out
}

function stampSeal(picture: Raster, onTheLeft: boolean): void {
  const size = Math.round(Math.min(picture.width, picture.height) * 0.07)
  const margin = Math.round(Math.min(picture.width, picture.height) * 0.05)
  const left = onTheLeft ? margin : picture.width - margin - size
  const top = picture.height - margin - size
  const rim = Math.max(1, Math.round(size / 9))
  for (let y = top; y < top + size; y++) {
    for (let x = left; x < left + size; x++) {
      const inner = Math.min(x - left, y - top, left + size - 1 - x, top + size - 1 - y)
      // A carved character's strokes leave paper showing inside the rim.
      const carved = inner > rim * 2 && ((x - left) % (rim * 3) < rim || (y - top) % (rim * 4) < rim)
      if (carved) continue
      const at = (y * picture.width + x) * 3
      picture.pixels[at] = SEAL.r
      picture.pixels[at + 1] = SEAL.g
      picture.pixels[at + 2] = SEAL.b
    }
  }
}
