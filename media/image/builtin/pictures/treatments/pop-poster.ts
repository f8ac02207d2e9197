import { edgeStrength } from '../edges'
import { throughSharp } from '../raster'
import { glaze, mapChannels, saturate } from '../tone'
import type { Treatment } from './treatment'

/**
 * A screen-printed poster: flat areas of a few bold colours per channel and dark outlines where
 * the photo has edges. `levels` and `saturation` make it calmer or wilder (Overdrive).
 */
export function popPoster(levels: number, saturation: number): Treatment {
  return async (input, steer) => {
    const picture = await throughSharp(input, image => image.median(3))
    saturate(picture, saturation)
    if (steer.accent) glaze(picture, steer.accent, 0.35 * steer.accentStrength)
    else glaze(picture, steer.tint, 0.15)
    const step = 255 / (levels - 1)
    mapChannels(picture, value => Math.round(value / step) * step)
    const edges = edgeStrength(picture)
    for (let index = 0; index < edges.length; index++) {
      if (edges[index]! < 0.5) continue
      picture.pixels[index * 3] = 24
      picture.pixels[index * 3 + 1] = 20
      picture.pixels[index * 3 + 2] = 30
    }
    return picture
  }
}
