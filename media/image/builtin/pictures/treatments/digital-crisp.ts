import { throughSharp } from '../raster'
import { glaze } from '../tone'
import { scaled, type Treatment } from './treatment'

/** A clean digital photo: sharper detail, livelier colour, a touch more contrast; no grain. */
export const digitalCrisp: Treatment = async (input, steer) => {
  const picture = await throughSharp(input, image => image
    .sharpen({ sigma: scaled(input, 1.2) })
    .modulate({ saturation: 1.25 })
    .linear(1.1, -10))
  if (steer.accent) glaze(picture, steer.accent, 0.2 * steer.accentStrength)
  return picture
}
