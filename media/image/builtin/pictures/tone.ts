import type { Rgb } from '../colour'
import { clampByte, clampedPixels, type Raster } from './raster'

/** Brightness scaled by the idea's exposure (night words darken, sun words lighten). */
export function expose(raster: Raster, exposure: number): void {
  if (exposure === 1) return
  const pixels = clampedPixels(raster)
  for (let index = 0; index < pixels.length; index++) pixels[index] = pixels[index]! * exposure
}

/**
 * Every pixel becomes a mix of `shadow` and `light` by its brightness, shaped by `curve`
 * (below 1 lifts the midtones): the way a sepia print or a blueprint shows a photo.
 */
export function duotone(raster: Raster, shadow: Rgb, light: Rgb, curve = 1): void {
  const { pixels } = raster
  const table = new Uint8Array(256 * 3)
  for (let level = 0; level < 256; level++) {
    const amount = (level / 255) ** curve
    table[level * 3] = clampByte(shadow.r + (light.r - shadow.r) * amount)
    table[level * 3 + 1] = clampByte(shadow.g + (light.g - shadow.g) * amount)
    table[level * 3 + 2] = clampByte(shadow.b + (light.b - shadow.b) * amount)
  }
  for (let index = 0; index < pixels.length; index += 3) {
    const level = (0.299 * pixels[index]! + 0.587 * pixels[index + 1]! + 0.114 * pixels[index + 2]! + 0.5) | 0
    pixels[index] = table[level * 3]!
    pixels[index + 1] = table[level * 3 + 1]!
    pixels[index + 2] = table[level * 3 + 2]!
  }
}

/** Multiplies towards a colour while keeping brightness roughly: a glaze, not a coat of paint. */
export function glaze(raster: Raster, colour: Rgb, amount: number): void {
  if (amount <= 0) return
  const pixels = clampedPixels(raster)
  const light = 0.299 * colour.r + 0.587 * colour.g + 0.114 * colour.b || 1
  const red = 1 + (colour.r / light - 1) * amount, green = 1 + (colour.g / light - 1) * amount, blue = 1 + (colour.b / light - 1) * amount
  for (let index = 0; index < pixels.length; index += 3) {
    pixels[index] = pixels[index]! * red
    pixels[index + 1] = pixels[index + 1]! * green
    pixels[index + 2] = pixels[index + 2]! * blue
  }
}

/** Changes every channel through one lookup table (curves, posterising). */
export function mapChannels(raster: Raster, curve: (value: number, channel: number) => number): void {
  const tables = [0, 1, 2].map(channel => Uint8Array.from({ length: 256 }, (_, value) => clampByte(curve(value, channel))))
  const [red, green, blue] = tables as [Uint8Array, Uint8Array, Uint8Array]
  const { pixels } = raster
  for (let index = 0; index < pixels.length; index += 3) {
    pixels[index] = red[pixels[index]!]!
    pixels[index + 1] = green[pixels[index + 1]!]!
    pixels[index + 2] = blue[pixels[index + 2]!]!
  }
}

/** Pushes colours away from grey (amount > 1) or towards it (< 1), keeping each pixel's brightness. */
export function saturate(raster: Raster, amount: number): void {
  const pixels = clampedPixels(raster)
  for (let index = 0; index < pixels.length; index += 3) {
    const r = pixels[index]!, g = pixels[index + 1]!, b = pixels[index + 2]!
    const light = 0.299 * r + 0.587 * g + 0.114 * b
    pixels[index] = light + (r - light) * amount
    pixels[index + 1] = light + (g - light) * amount
    pixels[index + 2] = light + (b - light) * amount
  }
}
