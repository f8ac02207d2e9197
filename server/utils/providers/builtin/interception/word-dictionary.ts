import { type Bilingual, isCapitalised, mapWords, matchCase, type RuleLanguage } from './text-tools'

/** Lower-case word → replacement (German nouns keep their capital in the replacement). */
export type WordDictionary = Readonly<Record<string, string>>

// Longest first, so "großen" loses "en", not just "n".
const INFLECTION_ENDINGS: Bilingual<readonly string[]> = {
  de: ['em', 'en', 'er', 'es', 'e'],
  en: ['es', 's'],
}

/** Makes a dictionary that works both ways from pairs like ['Tag', 'Nacht']; the first pair wins a clash. */
export function dictionaryFromPairs(pairs: readonly (readonly [string, string])[]): WordDictionary {
  const dictionary: Record<string, string> = {}
  for (const [first, second] of pairs) {
    dictionary[first.toLocaleLowerCase()] ??= second
    dictionary[second.toLocaleLowerCase()] ??= first
  }
  return dictionary
}

/**
 * Finds the word or its inflected stem ("großen" → "groß" + "en", "cats" → "cat" + "s").
 * German capitalised words are nouns, whose plurals change too much to guess, so they match whole only.
 */
export function lookUpWord(word: string, dictionary: WordDictionary, language: RuleLanguage, inflect = true): string | undefined {
  const lower = word.toLocaleLowerCase()
  const direct = dictionary[lower]
  if (direct !== undefined) return matchCase(word, direct)
  if (!inflect || (language === 'de' && isCapitalised(word))) return undefined
  for (const ending of INFLECTION_ENDINGS[language]) {
    if (!lower.endsWith(ending) || lower.length - ending.length < 3) continue
    const base = dictionary[lower.slice(0, -ending.length)]
    if (base !== undefined) return matchCase(word, withEnding(base, ending, language))
  }
  return undefined
}

/** German "dunkel" + "e" is "dunkle" and "teuer" + "e" is "teure": the stem loses its own e. */
function withEnding(base: string, ending: string, language: RuleLanguage): string {
  if (language === 'de' && ending.startsWith('e') && /(?:el|auer|euer)$/.test(base)) return base.slice(0, -2) + base.slice(-1) + ending
  return base + ending
}

/** `inflect: false` for replacements that cannot take a German ending ("nice" + "e"). */
export function replaceKnownWords(text: string, dictionary: WordDictionary, language: RuleLanguage, inflect = true): { text: string, replaced: number } {
  let replaced = 0
  const result = mapWords(text, (word) => {
    const replacement = lookUpWord(word, dictionary, language, inflect)
    if (replacement === undefined) return word
    replaced++
    return replacement
  })
  return { text: result, replaced }
}
