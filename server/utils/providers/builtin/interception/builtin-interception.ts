import type { InterceptionInput, InterceptionProvider } from '../../types'
import { hashString, seededRandom } from '../seeded-random'
import { exposeCliches } from './cliche-filter'
import { whisperAlongTheRow } from './chinese-whispers'
import { cutUpLikeDada } from './dada-cut-up'
import type { InterceptionRule } from './interception-rule'
import { invertIdea } from './opposites'
import { frameWithPerspective } from './perspective-frame'
import { speakPigLatin } from './secret-languages'
import { reduceToShapes } from './shape-simplifier'
import { applyStudentRules } from './student-rules'
import { STYLE_IDS, transferStyle } from './style-transfer'
import { talkLikeATeenager } from './teen-slang'
import { clampText } from './text-tools'
import { tellATinyStory } from './tiny-story'
import { makeForceful, pushIntoOverdrive } from './tone-intensity'
import { harmonizeSweetly, rephraseSensitively } from './tone-softening'
import { openToTheWorld, zoomOutToThePlanet } from './world-views'

/** Room for what the rules add around the idea, so the result stays one short paragraph. */
const MAX_IDEA_LENGTH = 420
const MAX_OUTPUT_LENGTH = 600

const RULES_BY_PERSPECTIVE: ReadonlyMap<string, InterceptionRule> = new Map<string, InterceptionRule>([
  ['piglatin', speakPigLatin],
  ['theopposite', invertIdea],
  ['mad_world', cutUpLikeDada],
  ['stillepost', whisperAlongTheRow],
  ['jugendsprache', talkLikeATeenager],
  ['tellastory', tellATinyStory],
  ['clichefilter', exposeCliches],
  ['forceful', makeForceful],
  ['overdrive', pushIntoOverdrive],
  ['hunkydoryharmonizer', harmonizeSweetly],
  ['sensitive', rephraseSensitively],
  ['one_world', openToTheWorld],
  ['planetarizer', zoomOutToThePlanet],
  ['p5js_simplifier', reduceToShapes],
  ['user_defined', applyStudentRules],
  ...STYLE_IDS.map(id => [id, transferStyle] as const),
])

export function hasBuiltinRule(perspectiveId: string): boolean {
  return RULES_BY_PERSPECTIVE.has(perspectiveId)
}

/** Offline stage 2: deterministic text rules per perspective, no network and no model. */
export class BuiltinInterceptionProvider implements InterceptionProvider {
  readonly id = 'builtin_interception'
  readonly model = 'rules-v1'

  async intercept(input: InterceptionInput): Promise<{ text: string }> {
    input.signal?.throwIfAborted()
    const { perspective, language, context, seed } = input
    const idea = clampText(input.text.trim(), MAX_IDEA_LENGTH)
    // The idea and perspective join the seed, so different ideas draw different phrases under one seed.
    const random = seededRandom((seed ^ hashString(`${perspective.id}\u0000${idea}`)) >>> 0)
    const rule = RULES_BY_PERSPECTIVE.get(perspective.id) ?? frameWithPerspective
    const text = rule({ idea, language, perspective, context, random })
    return { text: clampText(text, MAX_OUTPUT_LENGTH) }
  }
}
