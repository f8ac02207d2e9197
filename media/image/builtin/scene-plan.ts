import type { Perspective } from '#shared/schemas/perspective'
import { hashString, seededRandom } from '../../../server/utils/providers/builtin/seeded-random'
import { promptWords } from '../../../server/utils/providers/builtin/prompt-words'
import { parseHex } from './colour'
import { composeElements, type SceneElement } from './composition'
import { buildPalette, type Palette } from './palette'
import { backdropFor } from './scene-words'
import { styleFamilyFor } from './style-family'
import { IMAGE_STYLES } from './styles'
import type { Scene } from './styles/style'
import { renderTexture } from './texture'

/** Everything decided about a picture before it is drawn; the built-in video draws it many times, moving. */
export interface ScenePlan {
  scene: Omit<Scene, 'rand'>
  compose: (scene: Scene) => string
  /** The style's small random details, drawn from the same sequence for every frame so they keep still. */
  detailRand: () => () => number
}

export async function planScene(prompt: string, seed: number, perspective: Perspective, width: number, height: number): Promise<ScenePlan> {
  const words = promptWords(prompt)
  const detailSeed = (seed ^ hashString(prompt)) >>> 0
  const tint = parseHex(perspective.colour)
  const palette: Palette = buildPalette(words, tint, seededRandom(detailSeed))
  // The palette drew from this sequence first; the style goes on from where it stopped.
  const detailRand = () => {
    const rand = seededRandom(detailSeed)
    buildPalette(words, tint, rand)
    return rand
  }
  const elements: SceneElement[] = composeElements(words, seed, palette)
  const style = IMAGE_STYLES[styleFamilyFor(perspective)]
  const textures = Object.fromEntries(await Promise.all(style.textures.map(async kind => [kind, await renderTexture(kind, seed)] as const)))
  return { scene: { width, height, elements, palette, backdrop: backdropFor(words), textures }, compose: scene => style.compose(scene), detailRand }
}

/** The SVG of the plan, with other elements when given (a video frame moves them). */
export function drawScene(plan: ScenePlan, elements = plan.scene.elements, palette = plan.scene.palette): string {
  return plan.compose({ ...plan.scene, elements, palette, rand: plan.detailRand() })
}
