import type { Raster } from './raster'
import { luminancePlane } from './raster'

/**
 * Sobel gradient magnitude of the brightness, scaled so the strongest few percent of edges reach 1.
 * Scaling by a high percentile rather than the maximum keeps a soft photo's edges as visible as a sharp one's;
 * the floor keeps a smooth sky's 8-bit steps (a Sobel of 4 per level) from being drawn as lines.
 */
/** A step of 30 levels between neighbours (Sobel 4 × 30) is a full edge whatever the picture. */
const MIN_FULL_EDGE = 120

export function edgeStrength(raster: Raster): Float32Array {
  const { width, height } = raster
  const light = luminancePlane(raster)
  const strength = new Float32Array(width * height)
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const at = y * width + x
      const topLeft = light[at - width - 1]!, top = light[at - width]!, topRight = light[at - width + 1]!
      const left = light[at - 1]!, right = light[at + 1]!
      const bottomLeft = light[at + width - 1]!, bottom = light[at + width]!, bottomRight = light[at + width + 1]!
      const gx = topRight + 2 * right + bottomRight - topLeft - 2 * left - bottomLeft
      const gy = bottomLeft + 2 * bottom + bottomRight - topLeft - 2 * top - topRight
      strength[at] = Math.sqrt(gx * gx + gy * gy)
    }
  }
  const scale = Math.max(MIN_FULL_EDGE, percentile(strength, 0.96))
  for (let index = 0; index < strength.length; index++) strength[index] = Math.min(1, strength[index]! / scale)
  return strength
}

/** The value below which `fraction` of the samples lie, from a 256-bin histogram (fast, exact enough). */
function percentile(values: Float32Array, fraction: number): number {
  let max = 0
  for (const value of values) if (value > max) max = value
  if (max === 0) return 0
  const bins = new Uint32Array(256)
  for (const value of values) bins[Math.min(255, Math.floor((value / max) * 255))]!++
  let seen = 0
  for (let bin = 0; bin < 256; bin++) {
    seen += bins[bin]!
    if (seen >= fraction * values.length) return ((bin + 1) / 256) * max
  }
  return max
}
