import type { Rgb } from '../colour'
import { clampedPixels, type Raster } from './raster'

const VIGNETTE_STEPS = 1024

/** Darkens (or colours) towards the corners like an old lens; `strength` 0..1 at the very corner. */
export function vignette(raster: Raster, strength: number, towards: Rgb = { r: 0, g: 0, b: 0 }, roundness = 2): void {
  const { width, height } = raster
  const pixels = clampedPixels(raster)
  // The powers per pixel cost more than the rest of a treatment: rows and columns are computed once,
  // their sum (0..2) is looked up in a table of amounts.
  const columnTerms = Float32Array.from({ length: width }, (_, x) => Math.abs(x + 0.5 - width / 2) / (width / 2)).map(d => d ** roundness)
  const amounts = Float32Array.from({ length: VIGNETTE_STEPS + 1 }, (_, step) => {
    const distance = Math.min(1, (((step / VIGNETTE_STEPS) * 2) ** (1 / roundness) / Math.SQRT2) * 1.25)
    return strength * distance ** 2.2
  })
  for (let y = 0; y < height; y++) {
    const rowTerm = (Math.abs(y + 0.5 - height / 2) / (height / 2)) ** roundness
    for (let x = 0; x < width; x++) {
      const amount = amounts[Math.min(VIGNETTE_STEPS, Math.round(((rowTerm + columnTerms[x]!) / 2) * VIGNETTE_STEPS))]!
      if (amount <= 0) continue
      const at = (y * width + x) * 3
      pixels[at] = pixels[at]! + (towards.r - pixels[at]!) * amount
      pixels[at + 1] = pixels[at + 1]! + (towards.g - pixels[at + 1]!) * amount
      pixels[at + 2] = pixels[at + 2]! + (towards.b - pixels[at + 2]!) * amount
    }
  }
}

/**
 * Film grain from the seeded random numbers: the same seed gives the same grain.
 * `clump` pixels share one grain so it stays visible once the picture is shown smaller.
 */
export function grain(raster: Raster, amount: number, rand: () => number, clump = 1): void {
  const { width, height } = raster
  const pixels = clampedPixels(raster)
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
      pixels[at] = pixels[at]! + noise
      pixels[at + 1] = pixels[at + 1]! + noise
      pixels[at + 2] = pixels[at + 2]! + noise
    }
  }
}

/** Soft round blotches (dust on a plate, bubbles in boiled film) mixed towards `colour`. */
export function blotches(raster: Raster, count: number, rand: () => number, colour: (index: number) => Rgb, size: [number, number], strength: number): void {
  const { width, height } = raster
  const pixels = clampedPixels(raster)
  const base = Math.min(width, height)
  for (let index = 0; index < count; index++) {
    const centreX = rand() * width, centreY = rand() * height
    const radius = Math.max(1, base * (size[0] + rand() * (size[1] - size[0])))
    const tone = colour(index)
    const top = Math.max(0, Math.floor(centreY - radius)), bottom = Math.min(height - 1, Math.ceil(centreY + radius))
    const left = Math.max(0, Math.floor(centreX - radius)), right = Math.min(width - 1, Math.ceil(centreX + radius))
    for (let y = top; y <= bottom; y++) {
      for (let x = left; x <= right; x++) {
        const dx = x - centreX, dy = y - centreY
        const distanceSquared = (dx * dx + dy * dy) / (radius * radius)
        if (distanceSquared >= 1) continue
        const amount = strength * (1 - distanceSquared)
        const at = (y * width + x) * 3
        pixels[at] = pixels[at]! + (tone.r - pixels[at]!) * amount
        pixels[at + 1] = pixels[at + 1]! + (tone.g - pixels[at + 1]!) * amount
        pixels[at + 2] = pixels[at + 2]! + (tone.b - pixels[at + 2]!) * amount
      }
    }
  }
}
