import type { InterceptionRule } from './interception-rule'
import { NEGATION_FLIPS, OPPOSITE_PAIRS } from './opposite-pairs'
import type { Bilingual } from './text-tools'
import { mapWords, matchCase, tidySpacing } from './text-tools'
import { dictionaryFromPairs, lookUpWord, type WordDictionary } from './word-dictionary'

const OPPOSITES: Bilingual<WordDictionary> = {
  de: dictionaryFromPairs(OPPOSITE_PAIRS.de),
  en: dictionaryFromPairs(OPPOSITE_PAIRS.en),
}

const NOTHING_TO_INVERT: Bilingual<(idea: string) => string> = {
  de: idea => `Das genaue Gegenteil von: ${idea}`,
  en: idea => `The exact opposite of: ${idea}`,
}

/**
 * Swaps every word it knows for its antonym and drops negations; if it knows none, it says what it would do.
 * The word right after a dropped negation stays: "not happy" becomes "happy", not "sad" again.
 */
export const invertIdea: InterceptionRule = ({ idea, language }) => {
  let inverted = 0
  let afterNegation = false
  const result = mapWords(idea, (word) => {
    const negation = NEGATION_FLIPS[language][word.toLocaleLowerCase().replace('’', "'")]
    const opposite = negation ?? (afterNegation ? undefined : lookUpWord(word, OPPOSITES[language], language))
    afterNegation = negation !== undefined
    if (opposite === undefined) return word
    inverted++
    return matchCase(word, opposite)
  })
  return inverted > 0 ? tidySpacing(result) : NOTHING_TO_INVERT[language](idea)
}
