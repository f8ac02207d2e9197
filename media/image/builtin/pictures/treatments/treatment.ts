import type { Raster } from '../raster'
import type { Steer } from '../steer'

/** Turns one picture into the perspective's manner; may change the raster it is given. */
export type Treatment = (picture: Raster, steer: Steer) => Raster | Promise<Raster>

/** Blur radius that looks the same at every working size (tuned at 1024 px). */
export const scaled = (picture: Raster, atThousand: number) => Math.max(0.3, (atThousand * Math.min(picture.width, picture.height)) / 1024)
