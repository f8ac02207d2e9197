import type { Perspective } from '#shared/schemas/perspective'
import { styleFamilyFor, type StyleFamily } from '../../style-family'
import type { Raster } from '../raster'
import { composeBlend, planBlend } from './blend-layout'
import { composeCollage, planCollage } from './collage-layout'
import type { FusionLayout, FusionPlan } from './fusion-plan'
import { composeGrid, planGrid } from './grid-layout'

/** Photographic perspectives expose the pictures over each other; drawn and painted ones set panels side by side. */
const BY_PERSPECTIVE: Record<string, FusionLayout> = {
  analog_photography_1970s: 'blend',
  cooked_negatives: 'blend',
  digital_photography: 'grid',
  sensitive: 'blend',
  hunkydoryharmonizer: 'blend',
  stillepost: 'collage',
}

const BY_FAMILY: Record<StyleFamily, FusionLayout> = {
  bauhaus: 'grid',
  blueprint: 'grid',
  renaissance: 'grid',
  minimal: 'grid',
  sepia_photo: 'blend',
  playful: 'collage',
  collage: 'collage',
}

const PLANNERS = { grid: planGrid, blend: planBlend, collage: planCollage }
const COMPOSERS = { grid: composeGrid, blend: composeBlend, collage: composeCollage }

export function fusionLayoutFor(perspective: Pick<Perspective, 'id'>): FusionLayout {
  return BY_PERSPECTIVE[perspective.id] ?? BY_FAMILY[styleFamilyFor(perspective)]
}

export function planFusion(perspective: Pick<Perspective, 'id'>, count: number, width: number, height: number, rand: () => number): FusionPlan {
  if (count < 2 || count > 3) throw new Error(`a fusion lays together two or three pictures, not ${count}`)
  return PLANNERS[fusionLayoutFor(perspective)](count, width, height, rand)
}

export function composeFusion(plan: FusionPlan, pictures: readonly Buffer[]): Promise<Raster> {
  return COMPOSERS[plan.layout](plan, pictures)
}
