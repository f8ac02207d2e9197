import { darken, mix, parseHex } from '../../colour'
import { blotches, grain, vignette } from '../film-marks'
import { throughSharp } from '../raster'
import { duotone, mapChannels } from '../tone'
import { scaled, type Treatment } from './treatment'

const SHADOW = parseHex('#2c1a0c')
const LIGHT = parseHex('#f3e2c3')
const PLATE_EDGE = parseHex('#3a2414')

/**
 * An albumen print of the 1870s: a soft lens, brown tones instead of colours, pale highlights,
 * a dark oval around the subject, grain and dust. A colour in the idea tones the shadows
 * (blue words give a cyanotype).
 */
export const sepiaPlate: Treatment = async (input, steer) => {
  const picture = await throughSharp(input, image => image.blur(scaled(input, 1.4)))
  const shadow = steer.accent ? mix(SHADOW, darken(steer.accent, 0.55), 0.7 * steer.accentStrength) : SHADOW
  mapChannels(picture, value => 16 + value * 0.9)
  duotone(picture, shadow, LIGHT, 0.95)
  vignette(picture, 0.8, PLATE_EDGE, 2)
  grain(picture, 30, steer.rand, Math.max(1, Math.round(picture.width / 600)))
  blotches(picture, 24, steer.rand, () => LIGHT, [0.001, 0.004], 0.85)
  blotches(picture, 10, steer.rand, () => PLATE_EDGE, [0.0008, 0.0025], 0.7)
  return picture
}
