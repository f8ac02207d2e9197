import type { Rgb } from '../colour'
import { clampByte, type Raster } from './raster'

/** Darkens (or colours) towards the corners like an old lens; `strength` 0..1 at the very corner. */
export function vignette(raster: Raster, strength: number, towards: Rgb = { r: 0, g: 0, b: 0 }, roundness = 2): void {
  const { width, height, pixels } = raster
  const centreX = width / 2, centreY = height / 2
  for (let y = 0; y < height; y++) {
    const dy = Math.abs(y - centreY) / centreY
    for (let x = 0; x < width; x++) {
      const dx = Math.abs(x - centreX) / centreX
      const distance = Math.min(1, (dx ** roundness + dy ** roundness) ** (1 / roundness) / Math.SQRT2 * 1.25)
      const amount = strength * distance ** 2.2
      if (amount <= 0) continue
      const at = (y * width + x) * 3
      pixels[at] = clampByte(pixels[at]! + (towards.r - pixels[at]!) * amount)
      pixels[at + 1] = clampByte(pixels[at + 1]! + (towards.g - pixels[at + 1]!) * amount)
      pixels[at + 2] = clampByte(pixels[at + 2]! + (towards.b - pixels[at + 2]!) * amount)
    }
  }
}

/**
 * Film grain from the seeded random numbers: the same seed gives the same grain.
 * `clump` pixels share one grain so it stays visible once the picture is shown smaller.
 */
export function grain(raster: Raster, amount: number, rand: () => number, clump = 1): void {
  const { width, height, pixels } = raster
  const columns = Math.ceil(width / clump)
  const rowOfGrains = new Float32Array(columns)
  for (let y = 0; y < height; y++) {
    if (y % clump === 0) {
      // Two uniform numbers summed: a bell-shaped grain, rarely extreme.
      for (let column = 0; column < columns; column++) rowOfGrains[column] = (rand() + rand() - 1) * amount
    }
    for (let x = 0; x < width; x++) {
      const noise = rowOfGrains[Math.floor(x / clump)]!
      const at = (y * width + x) * 3
      pixels[at] = clampByte(pixels[at]! + noise)
      pixels[at + 1] = clampByte(pixels[at + 1]! + noise)
      pixels[at + 2] = clampByte(pixels[at + 2]! + noise)
    }
  }
}

/** Soft round blotches (dust on a plate, bubbles in boiled film) mixed towards `colour`. */
export function blotches(raster: Raster, count: number, rand: () => number, colour: (index: number) => Rgb, size: [number, number], strength: number): void {
  const { width, height, pixels } = raster
  const base = Math.min(width, height)
  for (let index = 0; index < count; index++) {
    const centreX = rand() * width, centreY = rand() * height
    const radius = Math.max(1, base * (size[0] + rand() * (size[1] - size[0])))
    const tone = colour(index)
    const top = Math.max(0, Math.floor(centreY - radius)), bottom = Math.min(height - 1, Math.ceil(centreY + radius))
    const left = Math.max(0, Math.floor(centreX - radius)), right = Math.min(width - 1, Math.ceil(centreX + radius))
    for (let y = top; y <= bottom; y++) {
      for (let x = left; x <= right; x++) {
        const distance = Math.hypot(x - centreX, y - centreY) / radius
        if (distance >= 1) continue
        const amount = strength * (1 - distance * distance)
        const at = (y * width + x) * 3
        pixels[at] = clampByte(pixels[at]! + (tone.r - pixels[at]!) * amount)
        pixels[at + 1] = clampByte(pixels[at + 1]! + (tone.g - pixels[at + 1]!) * amount)
        pixels[at + 2] = clampByte(pixels[at + 2]! + (tone.b - pixels[at + 2]!) * amount)
      }
    }
  }
}
