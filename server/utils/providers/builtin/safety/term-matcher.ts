import { distance } from 'fastest-levenshtein'
import type { SafetyTermList } from '#shared/schemas/safety'
import { capRepeats, collapseRepeats, normalizeWords, type CollapsedWord, type NormalizedText } from './normalize'

/*
 * Term syntax in the lists (every term is normalised like the checked text):
 *   "töten"      the whole word, in any spelling that normalises to it
 *   "folter*"    words that start with it: foltern, Folterkammer
 *   "*mord"      words that end with it, for German compounds: Massenmord
 *   "*porn*"     words that contain it
 *   "sieg heil"  these words in a row
 *   "!niger"     an ordinary word close to a severe term: fuzzy matching never flags it
 * Fuzzy matching applies to whole-word terms of severe lists only: stems would make "Selbstporträt"
 * a near miss of "selbstmord*".
 * A doubled letter is spelling, so a term matches it only where it is doubled too: "busen" is not
 * "Bussen", "rape" not "Rappe". Three or more of a letter are stretching: "kiiiill" is "kill".
 * At the open end of a stem the word may carry on with the same letter: "scheis*" matches "Scheiße".
 */

const STRETCHED_RUN = 3

type Placement = 'word' | 'prefix' | 'suffix' | 'infix'

interface CompiledTerm {
  listIndex: number
  /** The normalised term, with its `*`: what the leader sees in `matched`. */
  label: string
  placement: Placement
  core: CollapsedWord
}

interface CompiledPhrase {
  listIndex: number
  label: string
  words: CollapsedWord[]
  joined: CollapsedWord
}

interface FuzzyTerm extends CompiledTerm {
  form: string
  maxEdits: number
}

export interface TermListMatch {
  list: SafetyTermList
  matched: string[]
}

/** A severe term this close to a word (in edits) still matches it: misspellings cannot slip past. */
function allowedEdits(termLength: number): number {
  if (termLength >= 8) return 2
  if (termLength >= 5) return 1
  return 0
}

export class TermMatcher {
  private readonly byWord = new Map<string, CompiledTerm[]>()
  private readonly byPrefix = new Map<string, CompiledTerm[]>()
  private readonly bySuffix = new Map<string, CompiledTerm[]>()
  private longestStem = 0
  private readonly infixes: CompiledTerm[] = []
  private readonly phrasesByFirstWord = new Map<string, CompiledPhrase[]>()
  private readonly fuzzyTerms: FuzzyTerm[] = []
  private readonly fuzzyExemptions = new Set<string>()
  private readonly spelledOutTargets: CompiledTerm[] = []

  /** `lists` in priority order: when several match, the first one wins. */
  constructor(private readonly lists: readonly SafetyTermList[]) {
    lists.forEach((list, listIndex) => {
      for (const term of list.terms) this.compile(term, list, listIndex)
    })
  }

  match(text: NormalizedText): TermListMatch | null {
    const hits = new Map<number, Set<string>>()
    const record = (listIndex: number, label: string) => {
      const labels = hits.get(listIndex) ?? new Set<string>()
      labels.add(label)
      hits.set(listIndex, labels)
    }
    const words = text.words.map(collapseRepeats)
    words.forEach((word, index) => {
      for (const term of this.exactHits(word)) record(term.listIndex, term.label)
      for (const phrase of this.phraseHits(words, index)) record(phrase.listIndex, phrase.label)
      for (const term of this.fuzzyHits(word)) record(term.listIndex, term.label)
    })
    // Spelled-out text has no word boundaries, so every term counts wherever it occurs in it.
    for (const spelledOut of text.spelledOut.map(collapseRepeats)) {
      for (const target of this.spelledOutTargets) {
        if (occursIn(spelledOut, target.core)) record(target.listIndex, target.label)
      }
    }
    if (hits.size === 0) return null
    const winner = Math.min(...hits.keys())
    return { list: this.lists[winner]!, matched: [...hits.get(winner)!] }
  }

  private compile(rawTerm: string, list: SafetyTermList, listIndex: number): void {
    const fail = (problem: string) => new Error(`safety list ${list.id}: term "${rawTerm}" ${problem}`)
    if (rawTerm.startsWith('!')) {
      const words = normalizeWords(rawTerm.slice(1))
      if (words.length !== 1) throw fail('must be one word')
      this.fuzzyExemptions.add(capRepeats(collapseRepeats(words[0]!)))
      return
    }
    const placement = placementOf(rawTerm)
    const words = normalizeWords(rawTerm.replace(/^\*|\*$/g, ''))
    if (words.length === 0) throw fail('has no letters')
    if (words.length > 1) {
      if (placement !== 'word') throw fail('is several words and cannot use *')
      this.compilePhrase(words, listIndex)
      return
    }
    const core = collapseRepeats(words[0]!)
    const label = labelOf(words[0]!, placement)
    const term: CompiledTerm = { listIndex, label, placement, core }
    this.spelledOutTargets.push(term)
    if (placement === 'infix') this.infixes.push(term)
    else addTo(placement === 'word' ? this.byWord : placement === 'prefix' ? this.byPrefix : this.bySuffix, core.skeleton, term)
    if (placement === 'prefix' || placement === 'suffix') this.longestStem = Math.max(this.longestStem, core.skeleton.length)
    const form = capRepeats(core)
    const maxEdits = allowedEdits(form.length)
    if (list.severe && placement === 'word' && maxEdits > 0) this.fuzzyTerms.push({ ...term, form, maxEdits })
  }

  private compilePhrase(words: string[], listIndex: number): void {
    const phrase: CompiledPhrase = {
      listIndex,
      label: words.join(' '),
      words: words.map(collapseRepeats),
      joined: collapseRepeats(words.join('')),
    }
    addTo(this.phrasesByFirstWord, phrase.words[0]!.skeleton, phrase)
    this.spelledOutTargets.push({ listIndex, label: phrase.label, placement: 'word', core: phrase.joined })
  }

  private* exactHits(word: CollapsedWord): Generator<CompiledTerm> {
    const { skeleton } = word
    for (const term of this.byWord.get(skeleton) ?? []) {
      if (runsCover(word, term, 0)) yield term
    }
    for (let length = 1; length <= Math.min(skeleton.length, this.longestStem); length++) {
      for (const term of this.byPrefix.get(skeleton.slice(0, length)) ?? []) {
        if (runsCover(word, term, 0)) yield term
      }
      for (const term of this.bySuffix.get(skeleton.slice(-length)) ?? []) {
        if (runsCover(word, term, skeleton.length - length)) yield term
      }
    }
    for (const term of this.infixes) {
      if (occursIn(word, term.core)) yield term
    }
  }

  private* phraseHits(words: CollapsedWord[], start: number): Generator<CompiledPhrase> {
    for (const phrase of this.phrasesByFirstWord.get(words[start]!.skeleton) ?? []) {
      const inARow = phrase.words.every((phraseWord, offset) => {
        const word = words[start + offset]
        return word !== undefined && word.skeleton === phraseWord.skeleton && runsCover(word, { core: phraseWord, placement: 'word' }, 0)
      })
      if (inARow) yield phrase
    }
  }

  private* fuzzyHits(word: CollapsedWord): Generator<CompiledTerm> {
    const form = capRepeats(word)
    if (form.length < 4 || this.fuzzyExemptions.has(form)) return
    for (const term of this.fuzzyTerms) {
      if (isNear(form, term)) yield term
    }
  }
}

function placementOf(rawTerm: string): Placement {
  const starts = rawTerm.startsWith('*')
  const ends = rawTerm.endsWith('*')
  if (starts && ends) return 'infix'
  if (starts) return 'suffix'
  return ends ? 'prefix' : 'word'
}

function labelOf(word: string, placement: Placement): string {
  const before = placement === 'suffix' || placement === 'infix' ? '*' : ''
  const after = placement === 'prefix' || placement === 'infix' ? '*' : ''
  return `${before}${word}${after}`
}

function addTo<T>(index: Map<string, T[]>, key: string, entry: T): void {
  const entries = index.get(key)
  if (entries) entries.push(entry)
  else index.set(key, [entry])
}

/** From `offset` on, every letter of the term stands as often in the word, or is stretched there. */
function runsCover(word: CollapsedWord, term: Pick<CompiledTerm, 'core' | 'placement'>, offset: number): boolean {
  const { runs } = term.core
  const openStart = term.placement === 'suffix' || term.placement === 'infix'
  const openEnd = term.placement === 'prefix' || term.placement === 'infix'
  return runs.every((termRun, index) => {
    const wordRun = word.runs[offset + index] ?? 0
    const atOpenEnd = (openStart && index === 0) || (openEnd && index === runs.length - 1)
    return wordRun === termRun || wordRun >= (atOpenEnd ? termRun : Math.max(STRETCHED_RUN, termRun))
  })
}

/** `core` anywhere in the word, with open ends on both sides like an infix term. */
function occursIn(word: CollapsedWord, core: CollapsedWord): boolean {
  const anywhere = { core, placement: 'infix' as const }
  for (let at = word.skeleton.indexOf(core.skeleton); at >= 0; at = word.skeleton.indexOf(core.skeleton, at + 1)) {
    if (runsCover(word, anywhere, at)) return true
  }
  return false
}

function isNear(form: string, term: FuzzyTerm): boolean {
  return Math.abs(form.length - term.form.length) <= term.maxEdits && distance(form, term.form) <= term.maxEdits
}
