import type { Perspective } from '#shared/schemas/perspective'

/** How a perspective looks: each family composes the same words its own way. */
export type StyleFamily = 'playful' | 'bauhaus' | 'blueprint' | 'sepia_photo' | 'renaissance' | 'minimal' | 'collage'

/** Matched against the perspective id, so leaders' own variants ("bauhaus_kids") find their family. */
const FAMILY_PATTERNS: Array<[StyleFamily, RegExp]> = [
  ['bauhaus', /bauhaus|constructivis|mondrian|de_stijl/],
  ['blueprint', /technical|blueprint|engineer|architect/],
  ['sepia_photo', /1[78][0-9]0s|daguerre|sepia|analogue_copy/],
  ['renaissance', /renaissance|baroque|barock|old_master|medieval/],
  ['minimal', /p5|simplif|minimal|literati/],
  ['collage', /mad_world|collage|dada|chaos|surreal|overdrive|cooked/],
]

export function styleFamilyFor(perspective: Pick<Perspective, 'id'>): StyleFamily {
  return FAMILY_PATTERNS.find(([, pattern]) => pattern.test(perspective.id))?.[0] ?? 'playful'
}
