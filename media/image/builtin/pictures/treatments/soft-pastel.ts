import { throughSharp } from '../raster'
import { glaze, mapChannels, saturate } from '../tone'
import { scaled, type Treatment } from './treatment'

/** Gently: soft focus, light pastel colours, tinted with the idea's colour or the perspective's own. */
export const softPastel: Treatment = async (input, steer) => {
  const picture = await throughSharp(input, image => image.blur(scaled(input, 2.5)))
  saturate(picture, 0.75)
  glaze(picture, steer.accent ?? steer.tint, steer.accent ? 0.35 * steer.accentStrength : 0.3)
  mapChannels(picture, value => 70 + value * 0.72)
  return picture
}
