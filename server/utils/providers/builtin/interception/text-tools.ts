/** The languages the built-in rules write in; ideas in other languages reach them in English (builtin-interception.ts). */
export type RuleLanguage = 'de' | 'en'

export type Bilingual<T> = Readonly<Record<RuleLanguage, T>>

const WORD_SPLITTER = /([\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*)/u
const LETTER = /\p{L}/u

/** Words sit at odd indexes, the spaces and punctuation between them at even ones. */
export function splitWords(text: string): string[] {
  return text.split(WORD_SPLITTER)
}

export function isWord(token: string): boolean {
  return LETTER.test(token)
}

export function mapWords(text: string, transform: (word: string, wordIndex: number) => string): string {
  let wordIndex = 0
  return splitWords(text).map(token => (isWord(token) ? transform(token, wordIndex++) : token)).join('')
}

export function wordsOf(text: string): string[] {
  return splitWords(text).filter(isWord)
}

export function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1)
}

export function isCapitalised(word: string): boolean {
  const first = word.charAt(0)
  return first !== first.toLocaleLowerCase()
}

export function isShouted(word: string): boolean {
  return word.length > 1 && word === word.toLocaleUpperCase() && word !== word.toLocaleLowerCase()
}

/**
 * Carries the case of the original word over to its replacement. Never lowers a capital:
 * German nouns in the replacement must stay capitalised.
 */
export function matchCase(original: string, replacement: string): string {
  if (isShouted(original)) return replacement.toLocaleUpperCase()
  if (isCapitalised(original)) return upperFirst(replacement)
  return replacement
}

const SENTENCE_OPENERS: Bilingual<ReadonlySet<string>> = {
  en: new Set(['a', 'an', 'the', 'my', 'our', 'your', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'some', 'many', 'two', 'three', 'one']),
  de: new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'der', 'die', 'das', 'den', 'dem', 'mein', 'meine', 'unser', 'unsere', 'dein', 'deine', 'zwei', 'drei', 'viele', 'ich', 'wir']),
}

/** Lets the idea continue a sentence: "Once upon a time there was a cat" – but keeps German nouns and "I" capitalised. */
export function asSentenceContinuation(idea: string, language: RuleLanguage): string {
  const firstWord = wordsOf(idea)[0] ?? ''
  if (!SENTENCE_OPENERS[language].has(firstWord.toLocaleLowerCase()) || isShouted(firstWord)) return idea
  if (language === 'de' && firstWord.toLocaleLowerCase() === 'ich') return idea
  return idea.charAt(0).toLocaleLowerCase() + idea.slice(1)
}

export function withoutFinalPunctuation(text: string): string {
  return text.trim().replace(/[\s.!?…,;:]+$/u, '')
}

export function asSentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?…]$/u.test(trimmed) ? trimmed : `${trimmed}.`
}

/** Cuts at a word boundary so the text never ends mid-word. */
export function clampText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text
  const cut = text.slice(0, maxLength - 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–-]+$/u, '')}…`
}

export function pick<T>(random: () => number, options: readonly T[]): T {
  const option = options[Math.floor(random() * options.length)]
  if (option === undefined) throw new Error('pick needs at least one option')
  return option
}

export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items]
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[copy[index], copy[other]] = [copy[other] as T, copy[index] as T]
  }
  return copy
}

/** Picks `count` different options, in the order they were drawn. */
export function pickSeveral<T>(random: () => number, options: readonly T[], count: number): T[] {
  return shuffled(random, options).slice(0, count)
}

/** Repairs the gaps left when a rule drops a word: double spaces, space before punctuation. */
export function tidySpacing(text: string): string {
  return text.replace(/[ \t]{2,}/g, ' ').replace(/ +([.,!?;:])/g, '$1').trim()
}
