import { clampedPixels } from '../raster'
import { saturate } from '../tone'
import type { Treatment } from './treatment'

/**
 * Turns every colour around the colour wheel while keeping its brightness (a rotation in YIQ),
 * so the picture stays the same and only its colours change. `degrees` null: the seed chooses
 * a turn between 90° and 270° (Mad World); 180° gives the opposite colours.
 */
export function hueTurn(degrees: number | null, saturation = 1): Treatment {
  return (picture, steer) => {
    const angle = ((degrees ?? 90 + steer.rand() * 180) * Math.PI) / 180
    const cos = Math.cos(angle), sin = Math.sin(angle)
    const pixels = clampedPixels(picture)
    for (let at = 0; at < pixels.length; at += 3) {
      const r = pixels[at]!, g = pixels[at + 1]!, b = pixels[at + 2]!
      const y = 0.299 * r + 0.587 * g + 0.114 * b
      const i = 0.596 * r - 0.274 * g - 0.322 * b
      const q = 0.211 * r - 0.523 * g + 0.312 * b
      const turnedI = i * cos - q * sin, turnedQ = i * sin + q * cos
      pixels[at] = y + 0.956 * turnedI + 0.621 * turnedQ
      pixels[at + 1] = y - 0.272 * turnedI - 0.647 * turnedQ
      pixels[at + 2] = y - 1.106 * turnedI + 1.703 * turnedQ
    }
    if (saturation !== 1) saturate(picture, saturation)
    return picture
  }
}
