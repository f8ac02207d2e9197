import { distance } from 'fastest-levenshtein'
import type { SafetyTermListInput } from '#shared/schemas/safety'
import { capRepeats, collapseRepeats, normalizeWords, type CollapsedWord, type NormalizedText } from './normalize'
import { addTo, occursIn, WordSet, type CompiledTerm, type WordHit } from './word-set'

/*
 * One list against one text. Besides the term syntax of word-set.ts:
 *   "!niger"     in `terms`: an ordinary word close to a severe term, never flagged fuzzily
 *   `allow`      harmless phrases ("water gun", "blood orange"): their words never match this list
 *   `alone`      terms that match only when the text is made of nothing else ("88", "HH")
 *   `patterns`   ordinary words that match together (word-set terms or "@group" per slot)
 * Severe lists are matched fuzzily: whole words of 5+ letters (one edit, two from 10 letters) and
 * stems of 7+ letters (one edit, followed by at most an inflection), but never with another first letter ("Digga" is not a misspelt slur: children keep
 * the first letter when they misspell or disguise a word, and most harmless near misses differ
 * right there: digger, bigger, nager).
 */

interface FuzzyTerm extends CompiledTerm {
  form: string
  maxEdits: number
}

interface CompiledPattern {
  slots: WordSet[]
  within: number
  label: string
}

const MIN_FUZZY_WORD = 4
const MIN_FUZZY_STEM = 7
/** A stem matched fuzzily may carry an inflection, not a compound: "selbstmorde", not "leichtathletik". */
const MAX_FUZZY_STEM_TAIL = 5

/** A severe whole-word term this close to a word (in edits) still matches it. */
function allowedEdits(termLength: number): number {
  if (termLength >= 10) return 2
  if (termLength >= 5) return 1
  return 0
}

export class TermMatcher {
  private readonly terms: WordSet
  private readonly allow: WordSet
  private readonly alone: WordSet
  private readonly patterns: CompiledPattern[]
  private readonly fuzzyWords = new Map<string, FuzzyTerm[]>()
  private readonly fuzzyStems = new Map<string, FuzzyTerm[]>()
  private readonly fuzzyExemptions = new Set<string>()

  constructor(readonly list: SafetyTermListInput) {
    const fail = (term: string, problem: string) => new Error(`safety list ${list.id}: term "${term}" ${problem}`)
    const plainTerms: string[] = []
    for (const term of list.terms ?? []) {
      if (!term.startsWith('!')) plainTerms.push(term)
      else this.fuzzyExemptions.add(exemptionForm(term, fail))
    }
    this.terms = new WordSet(plainTerms, fail)
    this.allow = new WordSet(list.allow ?? [], fail)
    this.alone = new WordSet(list.alone ?? [], fail)
    this.patterns = (list.patterns ?? []).map(pattern => ({
      slots: pattern.all.map(slot => new WordSet(expandGroups(slot, list.groups ?? {}, fail), fail)),
      within: pattern.within ?? 5,
      label: pattern.all.map(slot => slot.join('|')).join(' + '),
    }))
    if (list.severe) this.compileFuzzy()
  }

  /** The labels of what matched, or null. */
  match(text: NormalizedText, words: readonly CollapsedWord[] = text.words.map(collapseRepeats)): string[] | null {
    const allowed = new Set<number>()
    for (const hit of this.allow.hits(words)) for (let index = hit.start; index < hit.end; index++) allowed.add(index)
    const counts = (hit: WordHit) => !rangeIn(allowed, hit)
    const found = new Set<string>()
    for (const hit of this.terms.hits(words)) if (counts(hit)) found.add(hit.label)
    words.forEach((word, index) => {
      if (allowed.has(index)) return
      for (const term of this.fuzzyHits(word)) found.add(term.label)
    })
    for (const pattern of this.patterns) {
      if (patternHolds(pattern, words, counts)) found.add(pattern.label)
    }
    if (words.length > 0 && this.alone.size > 0) {
      const covered = new Set<number>()
      for (const hit of this.alone.hits(words)) for (let index = hit.start; index < hit.end; index++) covered.add(index)
      if (covered.size === words.length) for (const hit of this.alone.hits(words)) found.add(hit.label)
    }
    // Spelled-out text has no word boundaries, so every term counts wherever it occurs in it.
    for (const spelledOut of text.spelledOut.map(collapseRepeats)) {
      for (const target of this.terms.joined) {
        if (occursIn(spelledOut, target.core)) found.add(target.label)
      }
    }
    return found.size > 0 ? [...found] : null
  }

  private compileFuzzy(): void {
    for (const term of this.terms.singleWords) {
      const form = capRepeats(term.core)
      if (term.placement === 'word' && allowedEdits(form.length) > 0) {
        addTo(this.fuzzyWords, form[0]!, { ...term, form, maxEdits: allowedEdits(form.length) })
      }
      // Stems take one edit only: with two, "Selbstporträt" would be a near miss of "selbstmord*".
      if (term.placement === 'prefix' && form.length >= MIN_FUZZY_STEM) addTo(this.fuzzyStems, form[0]!, { ...term, form, maxEdits: 1 })
    }
  }

  private* fuzzyHits(word: CollapsedWord): Generator<CompiledTerm> {
    const form = capRepeats(word)
    if (form.length < MIN_FUZZY_WORD || this.fuzzyExemptions.has(form)) return
    for (const term of this.fuzzyWords.get(form[0]!) ?? []) {
      if (isNear(form, term)) yield term
    }
    for (const term of this.fuzzyStems.get(form[0]!) ?? []) {
      for (let length = term.form.length - 1; length <= term.form.length + 1; length++) {
        if (length <= form.length && form.length - length <= MAX_FUZZY_STEM_TAIL && isNear(form.slice(0, length), term)) {
          yield term
          break
        }
      }
    }
  }
}

function exemptionForm(term: string, fail: (term: string, problem: string) => Error): string {
  const words = normalizeWords(term.slice(1))
  if (words.length !== 1) throw fail(term, 'must be one word')
  return capRepeats(collapseRepeats(words[0]!))
}

function expandGroups(slot: readonly string[], groups: Readonly<Record<string, readonly string[]>>, fail: (term: string, problem: string) => Error): string[] {
  return slot.flatMap((term) => {
    if (!term.startsWith('@')) return [term]
    const group = groups[term.slice(1)]
    if (!group) throw fail(term, 'names no group of this list')
    return [...group]
  })
}

/** Every slot has a word within `within` words of a word of the first slot, each slot another word. */
function patternHolds(pattern: CompiledPattern, words: readonly CollapsedWord[], counts: (hit: WordHit) => boolean): boolean {
  const positions = pattern.slots.map(slot => slot.hits(words).filter(counts).map(hit => hit.start))
  if (positions.some(list => list.length === 0)) return false
  return positions[0]!.some(anchor => positions.slice(1).every(list =>
    list.some(position => position !== anchor && Math.abs(position - anchor) <= pattern.within)))
}

function rangeIn(indices: ReadonlySet<number>, hit: WordHit): boolean {
  for (let index = hit.start; index < hit.end; index++) if (!indices.has(index)) return false
  return true
}

function isNear(form: string, term: FuzzyTerm): boolean {
  return Math.abs(form.length - term.form.length) <= term.maxEdits && distance(form, term.form) <= term.maxEdits
}
