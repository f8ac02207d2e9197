import { LABELS } from './interception/shape-simplifier'
import { STYLE_PHRASE_BANKS } from './interception/style-phrase-banks'
import type { Bilingual } from './interception/text-tools'
import { STORY_PARTS } from './interception/tiny-story'
import { CAREFUL_CLOSERS, CAREFUL_OPENERS, SWEETENERS } from './interception/tone-softening'
import { GLOBAL_VIEWS, PLANETARY_DETAILS, ZOOM_OUTS } from './interception/world-views'

/**
 * The built-in perspectives write their German phrases from banks that hold the English phrase at
 * the same place ("Stahlrohr, Glas und Beton" ↔ "tubular steel, glass and concrete"). Translated
 * word by word they came out half German ("Stahlrohr, glass and Beton"), and that is what a child
 * reads under "what the machine is told". These pairs are translated whole, before the glossary.
 */
const PARALLEL_BANKS: readonly Bilingual<unknown>[] = [
  ...Object.values(STYLE_PHRASE_BANKS), STORY_PARTS, GLOBAL_VIEWS, ZOOM_OUTS, PLANETARY_DETAILS,
  SWEETENERS, CAREFUL_OPENERS, CAREFUL_CLOSERS, LABELS,
]

/** German phrase → English phrase, from banks whose two languages have the same shape; lists of different lengths are not translations of each other and are left out. */
export function parallelPhrases(banks: readonly Bilingual<unknown>[]): Map<string, string> {
  const pairs = new Map<string, string>()
  const walk = (de: unknown, en: unknown) => {
    if (typeof de === 'string' && typeof en === 'string') {
      // One word is the glossary's job ("unten" is "bottom" on a label, "down" in a sentence); a
      // hyphenated one ("Kollodium-Nassplatte") is a phrase.
      if (/[\s-]/.test(de.trim())) pairs.set(de.trim(), en.trim())
    }
    else if (Array.isArray(de) && Array.isArray(en)) {
      if (de.length === en.length) de.forEach((item, index) => walk(item, en[index]))
    }
    else if (isPlainObject(de) && isPlainObject(en)) {
      for (const key of Object.keys(de)) if (key in en) walk(de[key], en[key])
    }
  }
  for (const bank of banks) walk(bank.de, bank.en)
  return pairs
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype

export const KNOWN_GERMAN_PHRASES = parallelPhrases(PARALLEL_BANKS)
