import { distance } from 'fastest-levenshtein'
import { capRepeats, type CollapsedWord } from './normalize'
import { addTo, type CompiledTerm } from './word-set'

/*
 * Misspellings of a severe list's words: whole words of 5+ letters within one edit (two from 10
 * letters), stems of 7+ letters within one edit and followed by an inflection at most. Never with
 * another first letter ("Digga" is not a misspelt slur: children keep the first letter when they
 * misspell or disguise a word, and most harmless near misses differ right there: digger, bigger,
 * nager). Ordinary words that are near a term anyway are exempt ("!word" in a list), found with
 * bench/safety-near-misses.mjs over the German and English dictionaries.
 */

const MIN_FUZZY_WORD = 4
const MIN_FUZZY_STEM = 7
/** A stem matched fuzzily may carry an inflection, not a compound: "selbstmorde", not "leichtathletik". */
const MAX_FUZZY_STEM_TAIL = 5

interface FuzzyTerm extends CompiledTerm {
  form: string
  maxEdits: number
}

function allowedEdits(termLength: number): number {
  if (termLength >= 10) return 2
  if (termLength >= 5) return 1
  return 0
}

export class FuzzyIndex {
  private readonly words = new Map<string, FuzzyTerm[]>()
  private readonly stems = new Map<string, FuzzyTerm[]>()

  constructor(terms: readonly CompiledTerm[], private readonly exemptions: ReadonlySet<string>) {
    for (const term of terms) {
      const form = capRepeats(term.core)
      if (term.placement === 'word' && allowedEdits(form.length) > 0) addTo(this.words, form[0]!, { ...term, form, maxEdits: allowedEdits(form.length) })
      // Stems take one edit only: with two, "Selbstporträt" would be a near miss of "selbstmord*".
      if (term.placement === 'prefix' && form.length >= MIN_FUZZY_STEM) addTo(this.stems, form[0]!, { ...term, form, maxEdits: 1 })
    }
  }

  /** The terms this word is a misspelling of. */
  termsNear(word: CollapsedWord): CompiledTerm[] {
    const form = capRepeats(word)
    if (form.length < MIN_FUZZY_WORD || this.exemptions.has(form)) return []
    const near: CompiledTerm[] = []
    for (const term of this.words.get(form[0]!) ?? []) {
      if (isNear(form, term)) near.push(term)
    }
    for (const term of this.stems.get(form[0]!) ?? []) {
      for (let length = term.form.length - 1; length <= term.form.length + 1; length++) {
        if (length <= form.length && form.length - length <= MAX_FUZZY_STEM_TAIL && isNear(form.slice(0, length), term)) {
          near.push(term)
          break
        }
      }
    }
    return near
  }
}

export function exemptionForm(word: CollapsedWord): string {
  return capRepeats(word)
}

function isNear(form: string, term: FuzzyTerm): boolean {
  return Math.abs(form.length - term.form.length) <= term.maxEdits && distance(form, term.form) <= term.maxEdits
}
