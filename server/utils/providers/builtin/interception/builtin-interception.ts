import type { Language } from '#shared/schemas/common'
import type { InterceptionInput, InterceptionProvider } from '../../types'
import { translateToEnglish } from '../translation'
import { hashString, seededRandom } from '../seeded-random'
import { exposeCliches } from './cliche-filter'
import { whisperAlongTheRow } from './chinese-whispers'
import { cutUpLikeDada } from './dada-cut-up'
import type { InterceptionRule } from './interception-rule'
import { invertIdea } from './opposites'
import { frameWithPerspective } from './perspective-frame'
import { speakPigLatin } from './secret-languages'
import { pictureSentence } from './picture-sentence'
import { reduceToShapes } from './shape-simplifier'
import { applyStudentRules } from './student-rules'
import { followChangedRules } from './changed-rules'
import { STYLE_IDS, transferStyle } from './style-transfer'
import { talkLikeATeenager } from './teen-slang'
import { clampText, type RuleLanguage } from './text-tools'
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

/**
 * The rules write German and English. A Turkish or Ukrainian idea goes to them in English through
 * the glossary, and the run page tells the child so in their language (InterceptionReveal.vue).
 */
function speaksRules(language: Language): language is RuleLanguage {
  return language === 'de' || language === 'en'
}

export function hasBuiltinRule(perspectiveId: string): boolean {
  return RULES_BY_PERSPECTIVE.has(perspectiveId)
}

/** How many seeds a transformer tries, and then as many in its gentlest variant, before it gives up. */
const VARIANTS_PER_STYLE = 4
// A large odd step, so the seeds of one run's variants are far apart.
const VARIANT_SEED_STEP = 0x9E3779B1

/**
 * Offline stage 2: deterministic text rules per perspective, no network and no model. When the run
 * gives it the check of its level, it tests its own candidates and answers with the first one that
 * passes: other seeds first, then the rule's gentlest variant. Same seed and idea, same answer.
 */
export class BuiltinInterceptionProvider implements InterceptionProvider {
  readonly id = 'builtin_interception'
  readonly model = 'rules-v1'

  async intercept(input: InterceptionInput): Promise<{ text: string }> {
    input.signal?.throwIfAborted()
    const tried = new Set<string>()
    let last = ''
    for (const candidate of this.candidates(input)) {
      if (tried.has(candidate)) continue
      tried.add(candidate)
      last = candidate
      if (!input.acceptable || await input.acceptable(candidate)) return { text: candidate }
      input.signal?.throwIfAborted()
    }
    // Nothing passed: the stage's own check blocks the run with this text, which no one is shown.
    return { text: last }
  }

  private *candidates(input: InterceptionInput): Generator<string> {
    const styles = input.stricter ? [true] : [false, true]
    for (const gentle of styles) {
      for (let variant = 0; variant < VARIANTS_PER_STYLE; variant++) {
        yield this.transform(input, (input.seed + variant * VARIANT_SEED_STEP) >>> 0, gentle)
      }
    }
  }

  /** The rule's text, then what the perspective does with the student's pictures; a picture without words is only that. */
  private transform(input: InterceptionInput, seed: number, gentle: boolean): string {
    const sentence = pictureSentence(input.perspective, input.language, input.pictures ?? 0)
    if (!sentence) return this.transformIdea(input, seed, gentle)
    if (!input.text.trim()) return sentence
    return `${this.transformIdea(input, seed, gentle)} ${sentence}`
  }

  private transformIdea(input: InterceptionInput, seed: number, gentle: boolean): string {
    const { perspective, language, context } = input
    const idea = clampText(input.text.trim(), MAX_IDEA_LENGTH)
    // The idea and perspective join the seed, so different ideas draw different phrases under one seed.
    const random = seededRandom((seed ^ hashString(`${perspective.id}\u0000${idea}`)) >>> 0)
    const rule = RULES_BY_PERSPECTIVE.get(perspective.id) ?? frameWithPerspective
    const ruleLanguage = speaksRules(language) ? language : 'en'
    const ruleIdea = ruleLanguage === language ? idea : translateToEnglish(idea, language)
    const ruleContext = context && ruleLanguage !== language ? translateToEnglish(context, language) : context
    const request = { idea: ruleIdea, language: ruleLanguage, perspective, context: ruleContext, random, gentle }
    const rules = input.rules?.trim()
    if (!rules) return clampText(rule(request), MAX_OUTPUT_LENGTH)
    // Lines are compared with the perspective's own as written; the student's new ones are carried out in the rule language.
    const toRuleLanguage = ruleLanguage === language ? (line: string) => line : (line: string) => translateToEnglish(line, language)
    return clampText(followChangedRules(rule, request, rules, toRuleLanguage), MAX_OUTPUT_LENGTH)
  }
}
