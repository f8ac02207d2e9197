import type { SafetyLevel } from '#shared/schemas/common'

/**
 * The term lists are written in German, English, Turkish (Latin letters) and Ukrainian (Cyrillic).
 * An idea in another script (Arabic, Hebrew, Chinese, Greek …) or in Russian, whose letters
 * ы, э, ъ and ё Ukrainian does not use, passes them unread: kids and youth runs are refused
 * rather than waved through, unless a safety model reads the text after the lists (llmSafety).
 */
export const UNCHECKED_LANGUAGE = 'language_unchecked'

const FAIL_CLOSED_LEVELS: readonly SafetyLevel[] = ['kids', 'youth']
const UNLISTED_LETTER = /(?![\p{Script=Latin}\p{Script=Cyrillic}])\p{L}/gu
const RUSSIAN_ONLY_LETTER = /[ыэъё]/giu
// One stray letter (π in a maths idea) is no language; two are.
const MIN_UNLISTED_LETTERS = 2

/** A note for the leader naming what the lists could not read, or null when they read everything. */
export function uncheckedScript(text: string, level: SafetyLevel): string | null {
  if (!FAIL_CLOSED_LEVELS.includes(level)) return null
  const unlisted = text.match(UNLISTED_LETTER) ?? []
  if (unlisted.length >= MIN_UNLISTED_LETTERS) return `letters no term list covers: ${[...new Set(unlisted)].slice(0, 8).join('')}`
  const russian = text.match(RUSSIAN_ONLY_LETTER) ?? []
  if (russian.length > 0) return `Cyrillic letters Ukrainian does not use (Russian?): ${[...new Set(russian)].join('')}`
  return null
}
