import type { SafetyTermListInput } from '#shared/schemas/safety'
import { collapseRepeats, normalizeWords, type CollapsedWord, type NormalizedText } from './normalize'
import { exemptionForm, FuzzyIndex } from './fuzzy-index'
import { occursIn, WordSet, type WordHit } from './word-set'

/*
 * One list against one text. Besides the term syntax of word-set.ts:
 *   "!niger"     in `terms`: an ordinary word close to a severe term, never flagged fuzzily
 *   `allow`      harmless phrases ("water gun", "blood orange"): their words never match this list
 *   `alone`      terms that match only when the text is made of nothing else ("88", "HH")
 *   `patterns`   ordinary words that match together (terms or "@group" per slot), e.g. a harm
 *                verb near a person; reported as the terms that met ("shooting + kids")
 * Severe lists also match misspellings of their terms, and of pattern words where a pattern says
 * `fuzzy` (fuzzy-index.ts).
 */

interface Slot {
  exact: WordSet
  fuzzy: FuzzyIndex | null
}

interface CompiledPattern {
  slots: Slot[]
  within: number
  negators: WordSet
}

type Fail = (term: string, problem: string) => Error

export class TermMatcher {
  private readonly terms: Slot
  private readonly allow: WordSet
  private readonly alone: WordSet
  private readonly patterns: CompiledPattern[]

  constructor(readonly list: SafetyTermListInput) {
    const fail: Fail = (term, problem) => new Error(`safety list ${list.id}: term "${term}" ${problem}`)
    const plainTerms: string[] = []
    const exemptions = new Set<string>()
    for (const term of list.terms ?? []) {
      if (!term.startsWith('!')) plainTerms.push(term)
      else exemptions.add(exemptionOf(term, fail))
    }
    const slot = (terms: string[], fuzzy = true): Slot => {
      const exact = new WordSet(terms, fail)
      return { exact, fuzzy: list.severe && fuzzy ? new FuzzyIndex(exact.singleWords, exemptions) : null }
    }
    this.terms = slot(plainTerms)
    this.allow = new WordSet(list.allow ?? [], fail)
    this.alone = new WordSet(list.alone ?? [], fail)
    this.patterns = (list.patterns ?? []).map(pattern => ({
      slots: pattern.all.map(terms => slot(expandGroups(terms, list.groups ?? {}, fail), pattern.fuzzy ?? false)),
      within: pattern.within ?? 5,
      negators: new WordSet(pattern.unless_after ?? [], fail),
    }))
  }

  /** The labels of what matched, or null. */
  match(text: NormalizedText, words: readonly CollapsedWord[] = text.words.map(collapseRepeats)): string[] | null {
    const allowed = new Set<number>()
    for (const hit of this.allow.hits(words)) for (let index = hit.start; index < hit.end; index++) allowed.add(index)
    const found = new Set<string>()
    for (const hit of slotHits(this.terms, words, allowed)) found.add(hit.label)
    for (const pattern of this.patterns) {
      const met = patternMet(pattern, words, allowed)
      if (met) found.add(met)
    }
    if (words.length > 0 && this.alone.size > 0) {
      const alone = this.alone.hits(words)
      const covered = new Set(alone.flatMap(hit => Array.from({ length: hit.end - hit.start }, (_, offset) => hit.start + offset)))
      if (covered.size === words.length) for (const hit of alone) found.add(hit.label)
    }
    // Spelled-out text has no word boundaries, so every term counts wherever it occurs in it.
    for (const spelledOut of text.spelledOut.map(collapseRepeats)) {
      for (const target of this.terms.exact.joined) {
        if (occursIn(spelledOut, target.core)) found.add(target.label)
      }
    }
    return found.size > 0 ? [...found] : null
  }
}

/** Exact and fuzzy hits of a slot, leaving out words of an allowed phrase. */
function slotHits(slot: Slot, words: readonly CollapsedWord[], allowed: ReadonlySet<number>): WordHit[] {
  const hits = slot.exact.hits(words).filter(hit => !coveredBy(allowed, hit))
  if (slot.fuzzy) {
    words.forEach((word, index) => {
      if (allowed.has(index)) return
      for (const term of slot.fuzzy!.termsNear(word)) hits.push({ label: term.label, start: index, end: index + 1 })
    })
  }
  return hits
}

/** Every slot has a word within `within` words of a word of the first slot, each slot another word. */
function patternMet(pattern: CompiledPattern, words: readonly CollapsedWord[], allowed: ReadonlySet<number>): string | null {
  const hitsBySlot: WordHit[][] = []
  for (const slot of pattern.slots) {
    const hits = slotHits(slot, words, allowed)
    if (hits.length === 0) return null
    hitsBySlot.push(hits)
  }
  const negators = pattern.negators.hits(words).map(hit => hit.start)
  for (const anchor of hitsBySlot[0]!) {
    if (negators.some(at => at < anchor.start && anchor.start - at <= pattern.within + 2)) continue
    const partners = hitsBySlot.slice(1).map(hits =>
      hits.find(hit => hit.start !== anchor.start && Math.abs(hit.start - anchor.start) <= pattern.within))
    if (partners.every(partner => partner !== undefined)) return [anchor, ...partners].map(hit => hit!.label).join(' + ')
  }
  return null
}

function exemptionOf(term: string, fail: Fail): string {
  const words = normalizeWords(term.slice(1))
  if (words.length !== 1) throw fail(term, 'must be one word')
  return exemptionForm(collapseRepeats(words[0]!))
}

function expandGroups(slot: readonly string[], groups: Readonly<Record<string, readonly string[]>>, fail: Fail): string[] {
  return slot.flatMap((term) => {
    if (!term.startsWith('@')) return [term]
    const group = groups[term.slice(1)]
    if (!group) throw fail(term, 'names no group of this list')
    return [...group]
  })
}

function coveredBy(indices: ReadonlySet<number>, hit: WordHit): boolean {
  for (let index = hit.start; index < hit.end; index++) if (!indices.has(index)) return false
  return true
}
