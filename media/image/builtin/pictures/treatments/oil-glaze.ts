import { parseHex } from '../../colour'
import { grain, vignette } from '../film-marks'
import { throughSharp } from '../raster'
import { glaze, mapChannels, saturate } from '../tone'
import { scaled, type Treatment } from './treatment'

const AMBER = parseHex('#c8944c')
const UMBER = parseHex('#1c1008')

/**
 * A Renaissance panel: the photo painted smooth (median), stronger light and shade, a warm
 * varnish, and darkness closing in from the edges (chiaroscuro); fine canvas grain.
 */
export const oilGlaze: Treatment = async (input, steer) => {
  // A median at half size paints as broadly as one twice as wide at full size, for a quarter of the work.
  const half = await throughSharp(input, image => image.resize(Math.ceil(input.width / 2), Math.ceil(input.height / 2)).median(Math.max(3, Math.round(scaled(input, 3.5)) | 1)))
  const picture = await throughSharp(half, image => image.resize(input.width, input.height, { fit: 'fill' }))
  mapChannels(picture, (value) => {
    const t = value / 255
    return 255 * (t * t * (3 - 2 * t) * 0.85 + t * 0.15)
  })
  glaze(picture, AMBER, 0.55)
  if (steer.accent) glaze(picture, steer.accent, 0.25 * steer.accentStrength)
  saturate(picture, 0.85)
  vignette(picture, 0.75, UMBER, 2)
  grain(picture, 8, steer.rand)
  return picture
}
