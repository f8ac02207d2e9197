import { collapseRepeats, normalizeWords, type CollapsedWord } from './normalize'

/*
 * Term syntax (every term is normalised like the checked text):
 *   "töten"      the whole word, in any spelling that normalises to it
 *   "folter*"    words that start with it: foltern, Folterkammer
 *   "*mord"      words that end with it, for German compounds: Massenmord
 *   "*porn*"     words that contain it
 *   "sieg heil"  these words in a row
 * A doubled letter is spelling, so a term matches it only where it is doubled too: "busen" is not
 * "Bussen", "rape" not "Rappe". Three or more of a letter are stretching: "kiiiill" is "kill".
 * At the open end of a stem the word may carry on with the same letter: "scheis*" matches "Scheiße".
 */

const STRETCHED_RUN = 3

type Placement = 'word' | 'prefix' | 'suffix' | 'infix'

export interface CompiledTerm {
  /** The normalised term, with its `*`: what the leader sees in `matched`. */
  label: string
  placement: Placement
  core: CollapsedWord
}

interface CompiledPhrase {
  label: string
  words: CollapsedWord[]
}

/** Where a term stood in the checked words: `start` to `end`, end exclusive. */
export interface WordHit {
  label: string
  start: number
  end: number
}

/** A set of terms compiled for fast lookup; answers which of them stand in a list of words. */
export class WordSet {
  private readonly byWord = new Map<string, CompiledTerm[]>()
  private readonly byPrefix = new Map<string, CompiledTerm[]>()
  private readonly bySuffix = new Map<string, CompiledTerm[]>()
  /** The lengths stems come in, so a word is cut only where some stem could end. */
  private prefixLengths: number[] = []
  private suffixLengths: number[] = []
  private readonly infixes: CompiledTerm[] = []
  private readonly phrasesByFirstWord = new Map<string, CompiledPhrase[]>()
  /** Every term and phrase as one run of letters, for text typed letter by letter. */
  readonly joined: CompiledTerm[] = []
  readonly singleWords: CompiledTerm[] = []

  constructor(terms: readonly string[], fail: (term: string, problem: string) => Error) {
    for (const term of terms) this.compile(term, fail)
  }

  get size(): number {
    return this.joined.length
  }

  hits(words: readonly CollapsedWord[]): WordHit[] {
    const found: WordHit[] = []
    if (this.joined.length === 0) return found
    words.forEach((word, index) => {
      for (const term of this.termsIn(word)) found.push({ label: term.label, start: index, end: index + 1 })
      for (const phrase of this.phrasesAt(words, index)) found.push({ label: phrase.label, start: index, end: index + phrase.words.length })
    })
    return found
  }

  private compile(rawTerm: string, fail: (term: string, problem: string) => Error): void {
    const placement = placementOf(rawTerm)
    const words = normalizeWords(rawTerm.replace(/^\*|\*$/g, ''))
    if (words.length === 0) throw fail(rawTerm, 'has no letters')
    if (words.length > 1) {
      if (placement !== 'word') throw fail(rawTerm, 'is several words and cannot use *')
      const phrase: CompiledPhrase = { label: words.join(' '), words: words.map(collapseRepeats) }
      addTo(this.phrasesByFirstWord, phrase.words[0]!.skeleton, phrase)
      this.joined.push({ label: phrase.label, placement: 'word', core: collapseRepeats(words.join('')) })
      return
    }
    const core = collapseRepeats(words[0]!)
    const term: CompiledTerm = { label: labelOf(words[0]!, placement), placement, core }
    this.joined.push(term)
    this.singleWords.push(term)
    if (placement === 'infix') this.infixes.push(term)
    else addTo(placement === 'word' ? this.byWord : placement === 'prefix' ? this.byPrefix : this.bySuffix, core.skeleton, term)
    const lengths = placement === 'prefix' ? this.prefixLengths : placement === 'suffix' ? this.suffixLengths : null
    if (lengths && !lengths.includes(core.skeleton.length)) lengths.push(core.skeleton.length)
  }

  private* termsIn(word: CollapsedWord): Generator<CompiledTerm> {
    const { skeleton } = word
    for (const term of this.byWord.get(skeleton) ?? []) {
      if (runsCover(word, term, 0)) yield term
    }
    for (const length of this.prefixLengths) {
      if (length > skeleton.length) continue
      for (const term of this.byPrefix.get(skeleton.slice(0, length)) ?? []) {
        if (runsCover(word, term, 0)) yield term
      }
    }
    for (const length of this.suffixLengths) {
      if (length > skeleton.length) continue
      for (const term of this.bySuffix.get(skeleton.slice(-length)) ?? []) {
        if (runsCover(word, term, skeleton.length - length)) yield term
      }
    }
    for (const term of this.infixes) {
      if (occursIn(word, term.core)) yield term
    }
  }

  private* phrasesAt(words: readonly CollapsedWord[], start: number): Generator<CompiledPhrase> {
    for (const phrase of this.phrasesByFirstWord.get(words[start]!.skeleton) ?? []) {
      const inARow = phrase.words.every((phraseWord, offset) => {
        const word = words[start + offset]
        return word !== undefined && word.skeleton === phraseWord.skeleton && runsCover(word, { core: phraseWord, placement: 'word' }, 0)
      })
      if (inARow) yield phrase
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

export function addTo<T>(index: Map<string, T[]>, key: string, entry: T): void {
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
export function occursIn(word: CollapsedWord, core: CollapsedWord): boolean {
  const anywhere = { core, placement: 'infix' as const }
  for (let at = word.skeleton.indexOf(core.skeleton); at >= 0; at = word.skeleton.indexOf(core.skeleton, at + 1)) {
    if (runsCover(word, anywhere, at)) return true
  }
  return false
}
