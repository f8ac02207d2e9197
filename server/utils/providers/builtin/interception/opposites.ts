import type { InterceptionRule } from './interception-rule'
import { isHarmWord, NEGATION_FLIPS, OPPOSITE_PAIRS, PRESENCE_PAIRS } from './opposite-pairs'
import type { Bilingual } from './text-tools'
import { mapWords, matchCase, tidySpacing, wordsOf } from './text-tools'
import { dictionaryFromPairs, lookUpWord, type WordDictionary } from './word-dictionary'

const OPPOSITES: Bilingual<WordDictionary> = {
  de: dictionaryFromPairs(OPPOSITE_PAIRS.de),
  en: dictionaryFromPairs(OPPOSITE_PAIRS.en),
}

const PRESENCE: Bilingual<WordDictionary> = {
  de: dictionaryFromPairs(PRESENCE_PAIRS.de),
  en: dictionaryFromPairs(PRESENCE_PAIRS.en),
}

const NOTHING_TO_INVERT: Bilingual<(idea: string) => string> = {
  de: idea => `Das genaue Gegenteil von: ${idea}`,
  en: idea => `The exact opposite of: ${idea}`,
}

// "The opposite of: nobody gets hurt" would ask for harm: an idea about harm is turned only as a picture.
const TURNED_AS_A_PICTURE: Bilingual<(idea: string) => string> = {
  de: idea => `Kopfüber gemalt, alles verkehrt herum: ${idea}`,
  en: idea => `Painted upside down, with everything the wrong way round: ${idea}`,
}

/**
 * Swaps every word it knows for its antonym and drops negations; if it knows none, it says what it would do.
 * The word right after a dropped negation stays: "not happy" becomes "happy", not "sad" again.
 * Absence of harm never turns into harm: in an idea that mentions harm or clothes, negations and
 * presence words ("with", "nobody") stay, and no word becomes a harm word. The gentle variant
 * never touches presence at all.
 */
export const invertIdea: InterceptionRule = ({ idea, language, gentle }) => {
  const mentionsHarm = wordsOf(idea).some(word => isHarmWord(word, language))
  const flipPresence = !gentle && !mentionsHarm
  let inverted = 0
  let afterNegation = false
  const result = mapWords(idea, (word) => {
    const negation = flipPresence ? NEGATION_FLIPS[language][word.toLocaleLowerCase().replace('’', "'")] : undefined
    const opposite = negation ?? (afterNegation ? undefined : oppositeOf(word, language, flipPresence))
    afterNegation = negation !== undefined
    if (opposite === undefined) return word
    inverted++
    return matchCase(word, opposite)
  })
  if (inverted > 0) return tidySpacing(result)
  return (mentionsHarm || gentle ? TURNED_AS_A_PICTURE : NOTHING_TO_INVERT)[language](idea)
}

function oppositeOf(word: string, language: 'de' | 'en', flipPresence: boolean): string | undefined {
  const opposite = lookUpWord(word, OPPOSITES[language], language) ?? (flipPresence ? lookUpWord(word, PRESENCE[language], language, false) : undefined)
  if (opposite === undefined || opposite.split(' ').some(part => isHarmWord(part, language))) return undefined
  return opposite
}
