import { seededRandom } from '../../../../server/utils/providers/builtin/seeded-random'
import type { SceneElement } from '../composition'
import { drawCreature, drawCrown, drawHeart, drawWings } from './creature-motifs'
import type { Frame } from './geometry'
import { drawBicycle, drawBoat, drawCar, drawFlower, drawHouse, drawMountains, drawSea, drawTree } from './ground-motifs'
import type { MotifPaint } from './paint'
import { drawShape } from './primitives'
import { drawBird, drawCloud, drawMoon, drawRainbow, drawRocket, drawStar, drawSun } from './sky-motifs'

/** Pixel frame of an element on a canvas: its size is a share of the shorter side. */
export function frameOf(element: SceneElement, width: number, height: number): Frame {
  return { cx: element.x * width, cy: element.y * height, r: element.size * Math.min(width, height), rotation: element.rotation, width, height }
}

/** Draws what the word names when we know it, else the abstract shape its hash chose. */
export function drawElement(element: SceneElement, frame: Frame, paint: MotifPaint): string {
  const rand = seededRandom(element.detailSeed)
  switch (element.motif) {
    case 'sun': return drawSun(frame, paint, rand)
    case 'moon': return drawMoon(frame, paint)
    case 'star': return drawStar(frame, paint)
    case 'cloud': return drawCloud(frame, paint, rand)
    case 'rainbow': return drawRainbow(frame, paint)
    case 'bird': return drawBird(frame, paint, rand)
    case 'house': return drawHouse(frame, paint, rand)
    case 'tree': return drawTree(frame, paint, rand)
    case 'flower': return drawFlower(frame, paint, rand)
    case 'mountain': return drawMountains(frame, paint, rand)
    case 'sea': return drawSea(frame, paint, rand)
    case 'boat': return drawBoat(frame, paint)
    case 'rocket': return drawRocket(frame, paint)
    case 'bicycle': return drawBicycle(frame, paint)
    case 'car': return drawCar(frame, paint)
    case 'creature': return drawCreature(frame, paint, rand, element.creature ?? { ears: 'none', tail: 'none' })
    case 'wing': return drawWings(frame, paint)
    case 'crown': return drawCrown(frame, paint)
    case 'heart': return drawHeart(frame, paint)
    case null: return drawShape(element.kind, frame, paint.body, rand)
  }
}
