import type { InterceptionRule } from './interception-rule'
import { STYLE_PHRASE_BANKS } from './style-phrase-banks'
import { pick, upperFirst, withoutFinalPunctuation } from './text-tools'

export const STYLE_IDS = Object.keys(STYLE_PHRASE_BANKS)

/** Dresses the idea in one style's vocabulary: era, material, light and composition. */
export const transferStyle: InterceptionRule = ({ idea, language, perspective, random }) => {
  const bank = STYLE_PHRASE_BANKS[perspective.id]?.[language]
  if (!bank) throw new Error(`no style phrase bank for perspective ${perspective.id}`)
  const core = upperFirst(withoutFinalPunctuation(idea))
  const details = [pick(random, bank.material), pick(random, bank.light), pick(random, bank.composition)]
  return `${core}, ${pick(random, bank.era)}: ${details.join(', ')}.`
}
