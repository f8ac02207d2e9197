import { parseHex } from '../../colour'
import { blotches, grain, vignette } from '../film-marks'
import { glaze, mapChannels, saturate } from '../tone'
import type { Treatment } from './treatment'

const LIGHT_LEAK = parseHex('#ff8a3d')

/** A 1970s colour print: warm, faded, lifted blacks, softer colours, a little grain and a light leak. */
export const seventiesFilm: Treatment = (picture, steer) => {
  const lift = [24, 14, 34]
  const gain = [0.95, 0.88, 0.7]
  mapChannels(picture, (value, channel) => lift[channel]! + value * gain[channel]!)
  saturate(picture, 0.8)
  if (steer.accent) glaze(picture, steer.accent, 0.3 * steer.accentStrength)
  blotches(picture, 1, steer.rand, () => LIGHT_LEAK, [0.35, 0.5], 0.35)
  vignette(picture, 0.35, parseHex('#2a1a10'), 2)
  grain(picture, 14, steer.rand)
  return picture
}
