import { englishPlural } from './english-forms'
import { isCapitalised, isShouted, isWord, splitWords, upperFirst } from './interception/text-tools'
import { GERMAN_PHRASES, GERMAN_TO_ENGLISH_GLOSSARY } from './translation-glossary'
import { KNOWN_GERMAN_PHRASES } from './translation-known-phrases'

const MAX_PHRASE_WORDS = 3
const ADJECTIVE_ENDINGS = ['em', 'en', 'er', 'es', 'e']
// "n" before "en": "Jungen" is "Junge" + n (boys), not "jung" + en (young).
const PLURAL_ENDINGS = ['n', 'en', 'er', 'e', 's']
const LINKING_LETTERS = ['s', 'es', 'n', 'en', '']
// After these a noun is singular, so "einen Elefanten" is one elephant, not several.
const SINGULAR_DETERMINERS = new Set([
  'ein', 'einen', 'einem', 'eines', 'dem', 'des', 'kein', 'keinen', 'keinem', 'mein', 'meinen', 'meinem', 'dein', 'deinen', 'deinem',
])
function withoutEnding(lower: string, endings: readonly string[]): string | undefined {
  for (const ending of endings) {
    if (!lower.endsWith(ending) || lower.length - ending.length < 3) continue
    const base = GERMAN_TO_ENGLISH_GLOSSARY[lower.slice(0, -ending.length)]
    if (base !== undefined) return base
  }
  return undefined
}

function inflectedNoun(lower: string, singular: boolean): string | undefined {
  const base = withoutEnding(lower, PLURAL_ENDINGS)
  return base === undefined || singular ? base : englishPlural(base)
}

/** "Regenbogenpferd" → "rainbow horse": known first part (maybe with a linking s or n) + known last part. */
function compoundNoun(lower: string): string | undefined {
  for (let split = 3; split <= lower.length - 3; split++) {
    const head = lower.slice(split)
    const headEnglish = GERMAN_TO_ENGLISH_GLOSSARY[head] ?? inflectedNoun(head, false)
    if (headEnglish === undefined) continue
    for (const linking of LINKING_LETTERS) {
      const modifier = lower.slice(0, split)
      if (!modifier.endsWith(linking)) continue
      const modifierEnglish = GERMAN_TO_ENGLISH_GLOSSARY[modifier.slice(0, modifier.length - linking.length)]
      if (modifierEnglish !== undefined) return `${modifierEnglish} ${headEnglish}`
    }
  }
  return undefined
}

/** Capitalised mid-sentence words are German nouns; at a sentence start a word may be anything. */
function translateWord(word: string, atSentenceStart: boolean, singular: boolean): string | undefined {
  const lower = word.toLocaleLowerCase()
  const noun = isCapitalised(word)
  // "einen Drachen" is one dragon although "Drachen" alone reads as a plural.
  const singularNoun = noun && singular ? inflectedNoun(lower, true) : undefined
  const direct = singularNoun ?? GERMAN_TO_ENGLISH_GLOSSARY[lower]
  if (direct !== undefined) return direct
  const adjective = !noun || atSentenceStart ? withoutEnding(lower, ADJECTIVE_ENDINGS) : undefined
  return adjective ?? (noun ? inflectedNoun(lower, singular) ?? compoundNoun(lower) : undefined)
}

/** Mid-sentence the English word keeps its own case: German capitalises every noun, English does not. */
function carryCase(original: string, english: string, atSentenceStart: boolean): string {
  if (isShouted(original)) return english.toLocaleUpperCase()
  return atSentenceStart && isCapitalised(original) ? upperFirst(english) : english
}

/** The last mark before `text`'s end, past spaces and the opening quotes and brackets that sit before a sentence's first word. */
const lastMark = (text: string): string | undefined => text.replace(/[\s„“"'‚‘»«([]+$/u, '').at(-1)

/** After a separator: a new sentence after . ! ? or :, else as before it. */
function startsSentence(separator: string, atSentenceStart: boolean): boolean {
  const mark = lastMark(separator)
  return mark === undefined ? atSentenceStart : '.!?:'.includes(mark)
}

/**
 * German into English: the built-in perspectives' own phrases whole (translation-known-phrases),
 * everything between them word by word through the glossary; unknown words stay as they are.
 */
export function translateGerman(text: string): string {
  let output = ''
  let done = 0
  for (const match of text.matchAll(KNOWN_PHRASE_PATTERN)) {
    output += translateWords(text.slice(done, match.index), startsSentence(output, true))
    const english = KNOWN_PHRASES_ANY_START.get(match[0])!
    // A capital after a full stop; after a colon English goes on small ("…: tubular steel, glass …").
    const mark = lastMark(output)
    output += mark === undefined || '.!?'.includes(mark) ? upperFirst(english) : english
    done = match.index + match[0].length
  }
  output += translateWords(text.slice(done), startsSentence(output, true))
  return output.replace(/\b([aA]) (?=(?!uni|use|eu|one)[aeiouAEIOU])/g, '$1n ')
}

// A known phrase is found with either a capital or a small first letter ("Kreis, Quadrat …" opens a list, "klares Licht" follows a comma).
const KNOWN_PHRASES_ANY_START = new Map([...KNOWN_GERMAN_PHRASES].flatMap(([german, english]) => [
  [upperFirst(german), english], [german.charAt(0).toLocaleLowerCase() + german.slice(1), english],
] as [string, string][]))
const KNOWN_PHRASE_PATTERN = new RegExp(`(?<!\\p{L})(?:${[...KNOWN_PHRASES_ANY_START.keys()]
  .sort((a, b) => b.length - a.length).map(phrase => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?!\\p{L})`, 'gu')

/** Word by word through the glossary, starting at a sentence start or inside one. */
function translateWords(text: string, atStart: boolean): string {
  const tokens = splitWords(text)
  const output: string[] = []
  let atSentenceStart = atStart
  let singular = false
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? ''
    if (!isWord(token)) {
      output.push(token)
      if (token.trim().length > 0) {
        atSentenceStart = startsSentence(token, atSentenceStart)
        singular = false
      }
      continue
    }
    const phrase = matchPhrase(tokens, index)
    if (phrase) {
      output.push(carryCase(token, phrase.english, atSentenceStart))
      index += phrase.tokenCount - 1
    }
    else {
      const english = translateWord(token, atSentenceStart, singular)
      output.push(english === undefined ? token : carryCase(token, english, atSentenceStart))
    }
    const lower = token.toLocaleLowerCase()
    singular = SINGULAR_DETERMINERS.has(lower) || (singular && !isCapitalised(token))
    atSentenceStart = false
  }
  return output.join('')
}

/** Looks for a known word group starting at this token; only plain spaces may sit between its words. */
function matchPhrase(tokens: readonly string[], start: number): { english: string, tokenCount: number } | undefined {
  for (let wordCount = MAX_PHRASE_WORDS; wordCount >= 2; wordCount--) {
    const tokenCount = wordCount * 2 - 1
    const slice = tokens.slice(start, start + tokenCount)
    if (slice.length < tokenCount || slice.some((token, offset) => offset % 2 === 1 && !/^ +$/.test(token))) continue
    const english = GERMAN_PHRASES[slice.filter((_, offset) => offset % 2 === 0).join(' ').toLocaleLowerCase()]
    if (english !== undefined) return { english, tokenCount }
  }
  return undefined
}

