import type { Perspective } from '#shared/schemas/perspective'
import { styleFamilyFor, type StyleFamily } from '../../style-family'
import { bauhausGeometry } from './bauhaus-geometry'
import { blueprintLines } from './blueprint-lines'
import { cookedNegative } from './cooked-negative'
import { digitalCrisp } from './digital-crisp'
import { hueTurn } from './hue-turn'
import { inkWash } from './ink-wash'
import { oilGlaze } from './oil-glaze'
import { photocopy } from './photocopy'
import { popPoster } from './pop-poster'
import { sepiaPlate } from './sepia-plate'
import { seventiesFilm } from './seventies-film'
import { shapeMosaic } from './shape-mosaic'
import { softPastel } from './soft-pastel'
import type { Treatment } from './treatment'

/** The shipped perspectives, each with the treatment that shows its manner. */
const BY_PERSPECTIVE: Record<string, Treatment> = {
  bauhaus: bauhausGeometry,
  analog_photography_1870s: sepiaPlate,
  analog_photography_1970s: seventiesFilm,
  technicaldrawing: blueprintLines,
  cooked_negatives: cookedNegative,
  digital_photography: digitalCrisp,
  renaissance: oilGlaze,
  confucianliterati: inkWash,
  analogue_copy: photocopy,
  // The telephone game passes a picture on until it degrades, like a copy of a copy.
  stillepost: photocopy,
  p5js_simplifier: shapeMosaic,
  theopposite: hueTurn(180),
  mad_world: hueTurn(null, 1.3),
  overdrive: popPoster(3, 2),
  forceful: popPoster(3, 1.6),
  sensitive: softPastel,
  hunkydoryharmonizer: softPastel,
}

/** Leaders' own perspectives ("bauhaus_kids") and the word-only ones get their style family's treatment. */
const BY_FAMILY: Record<StyleFamily, Treatment> = {
  playful: popPoster(4, 1.35),
  bauhaus: bauhausGeometry,
  blueprint: blueprintLines,
  sepia_photo: sepiaPlate,
  renaissance: oilGlaze,
  minimal: shapeMosaic,
  collage: popPoster(3, 2),
}

export function treatmentFor(perspective: Pick<Perspective, 'id'>): Treatment {
  return BY_PERSPECTIVE[perspective.id] ?? BY_FAMILY[styleFamilyFor(perspective)]
}
