import type { SceneElement } from './composition'
import type { Motif, Placement } from './motif-words'

/** Where things may go: the sky is for suns, the ground for houses, the middle for the hero. */
export type Region = Placement | 'centre' | 'stage' | 'harbour'
const REGIONS: Record<Region, { x: [number, number], y: [number, number] }> = {
  centre: { x: [0.4, 0.6], y: [0.42, 0.56] },
  stage: { x: [0.38, 0.62], y: [0.56, 0.62] },
  harbour: { x: [0.35, 0.65], y: [0.64, 0.7] },
  sky: { x: [0.12, 0.88], y: [0.1, 0.3] },
  anywhere: { x: [0.18, 0.82], y: [0.22, 0.7] },
  ground: { x: [0.12, 0.88], y: [0.6, 0.76] },
  water: { x: [0.15, 0.85], y: [0.72, 0.86] },
}
export const BACKGROUND_MOTIFS = new Set<Motif | null>(['sea', 'mountain', 'rainbow'])
export const SKY_MOTIFS = new Set<Motif | null>(['sun', 'moon', 'cloud'])
/** Some things come in groups: one star alone looks lost. */
export const GROUP_SIZES: Partial<Record<Motif, number>> = { star: 4, bird: 3, flower: 4, tree: 2, cloud: 2 }

const between = (rand: () => number, [low, high]: [number, number]) => low + rand() * (high - low)

export function sizeFor(motif: Motif | null, rand: () => number): number {
  if (motif === 'rainbow') return 0.27 + rand() * 0.03
  if (motif === 'sea' || motif === 'mountain') return 0.35 + rand() * 0.1
  if (motif === 'creature' || motif === 'house' || motif === 'boat' || motif === 'bicycle' || motif === 'car') return 0.15 + rand() * 0.06
  if (motif === 'star' || motif === 'bird' || motif === 'flower') return 0.05 + rand() * 0.04
  return 0.08 + rand() * 0.1
}

/** Best of a few random spots: the one furthest from everything placed so far. */
export function findSpot(region: Region, size: number, placed: Array<Pick<SceneElement, 'x' | 'y' | 'size'>>, rand: () => number): [number, number] {
  let best: [number, number] = [0.5, 0.5]
  let bestScore = -Infinity
  for (let attempt = 0; attempt < 7; attempt++) {
    const spot: [number, number] = [between(rand, REGIONS[region].x), between(rand, REGIONS[region].y)]
    const score = Math.min(1, ...placed.map(other =>
      Math.hypot(other.x - spot[0], other.y - spot[1]) - (other.size + size) * 0.8))
    if (score > bestScore) [best, bestScore] = [spot, score]
  }
  return best
}
