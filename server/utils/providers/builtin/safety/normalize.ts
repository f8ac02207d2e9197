/**
 * Safety terms and the text being checked go through the same normalisation, so a term matches
 * every spelling that normalises to it: "Töten", "TOETEN" and "t0ten" all become "toten".
 * Repeated letters are kept here: the matcher compares them through `collapseRepeats`, because
 * collapsing them outright would turn "Bussen" into "busen" and "Niger" into a slur.
 */

import { keepTurkishFalseFriendsApart } from './false-friends'
import { CYRILLIC_TWINS, withCyrillicDigits } from './look-alikes'

// Soft hyphen and zero-width characters: invisible, so only ever there to split a word.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g
const COMBINING_MARK = /\p{M}/gu
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  // Turkish dotless ı is i here, like I, İ and i: "KIZ", "kız" and "kiz" are one word.
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i',
  // Greek look-alikes of Latin letters (Cyrillic ones: look-alikes.ts).
  ...CYRILLIC_TWINS,
  'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'ν': 'v',
  // The SS runes: Greek koppa and the runic sowilo letters all stand for the same sign.
  'ᛋ': 'ϟ', 'ᛊ': 'ϟ',
}
const FOLDABLE_LETTER = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'g')

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i' }
const LEET_CHAR = /[013457@$!]/g
// An emoji is a word of its own: "🍆💦" is two words, which a list can name as a phrase.
const TOKEN = /[\p{L}\p{N}@$!'’ʼ`]+|\p{Extended_Pictographic}/gu
// Skin tones change nothing about what an emoji means.
const EMOJI_MODIFIER = /[\u{1F3FB}-\u{1F3FF}]/gu
const APOSTROPHE = /['’ʼ`]/g
// A "!" only stands for an "i" inside a word; at either end it is punctuation.
const EDGE_EXCLAMATION = /^!+|!+$/g
const LETTER = /\p{L}/u
const UMLAUT_SPELLING = /([aou])e/g

// "k i l l", "k.i.l.l", "k-i-l-l": single characters this close together are one hidden word.
const MIN_SPACED_LETTERS = 3
const MAX_GAP_BETWEEN_SPACED_LETTERS = 3
const SPACED_CHARACTER = /^[\p{L}013457@$]$/u

interface Token { text: string, start: number, end: number }

export interface NormalizedText {
  words: string[]
  /**
   * Words that were typed letter by letter ("k i l l"). Where such a word ends is anyone's guess
   * ("k.i.l.l m.e"), so terms are searched anywhere inside them.
   */
  spelledOut: string[]
}

export function normalizeText(text: string): NormalizedText {
  const words: string[] = []
  const spelledOut: string[] = []
  for (const group of groupSpelledOutLetters(tokenize(foldCharacters(text)))) {
    const word = finishWord(group.map(token => token.text).join(''))
    if (word.length === 0) continue
    words.push(word)
    if (group.length > 1) spelledOut.push(word)
  }
  return { words, spelledOut }
}

export function normalizeWords(text: string): string[] {
  return normalizeText(text).words
}

/**
 * Lower case, without accents, Greek look-alike letters or invisible characters. Lower-casing is
 * not Turkish-aware on purpose: "İ" becomes "i" plus a dot that goes with the accents, and dotless
 * "ı" is folded to "i", so every spelling of a Turkish i meets every other.
 */
export function foldCharacters(text: string): string {
  return keepTurkishFalseFriendsApart(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARK, '')
    .replace(INVISIBLE, '')
    .replace(EMOJI_MODIFIER, '')
    .replace(FOLDABLE_LETTER, letter => FOLDED_LETTERS[letter] ?? letter)
}

function tokenize(folded: string): Token[] {
  return [...folded.matchAll(TOKEN)].map(match => ({
    text: match[0].replace(APOSTROPHE, '').replace(EDGE_EXCLAMATION, ''),
    start: match.index,
    end: match.index + match[0].length,
  }))
}

/** Each group is one word: a single token, or a run of spelled-out letters. */
function groupSpelledOutLetters(tokens: Token[]): Token[][] {
  const groups: Token[][] = []
  let index = 0
  while (index < tokens.length) {
    const run = tokens.slice(index, spacedRunEnd(tokens, index))
    const letterCount = run.filter(token => LETTER.test(token.text)).length
    if (run.length >= MIN_SPACED_LETTERS && letterCount >= 2) {
      groups.push(run)
      index += run.length
    }
    else {
      groups.push([tokens[index]!])
      index++
    }
  }
  return groups
}

function spacedRunEnd(tokens: Token[], start: number): number {
  let end = start + 1
  if (!SPACED_CHARACTER.test(tokens[start]!.text)) return end
  while (end < tokens.length && SPACED_CHARACTER.test(tokens[end]!.text)
    && tokens[end]!.start - tokens[end - 1]!.end <= MAX_GAP_BETWEEN_SPACED_LETTERS) end++
  return end
}

function finishWord(word: string): string {
  // Numbers stay numbers: "2024" is no word in disguise, but "k1ll" is.
  if (!LETTER.test(word)) return word
  return withCyrillicDigits(word)
    .replace(LEET_CHAR, character => LEET[character] ?? character)
    .replace(UMLAUT_SPELLING, '$1')
}

/** A word as its letters without repeats plus how often each one stood there: "kiiill" → "kil", [1, 3, 2]. */
export interface CollapsedWord {
  skeleton: string
  runs: number[]
}

export function collapseRepeats(word: string): CollapsedWord {
  let skeleton = ''
  const runs: number[] = []
  // By UTF-16 unit, so that positions in `skeleton` and `runs` always line up.
  for (let index = 0; index < word.length; index++) {
    const unit = word[index]!
    if (skeleton.endsWith(unit)) runs[runs.length - 1]!++
    else {
      skeleton += unit
      runs.push(1)
    }
  }
  return { skeleton, runs }
}

/** The word with every repeat shortened to two letters, the form fuzzy matching compares. */
export function capRepeats(word: CollapsedWord): string {
  let capped = ''
  for (let index = 0; index < word.skeleton.length; index++) {
    const unit = word.skeleton[index]!
    capped += word.runs[index]! > 1 ? unit + unit : unit
  }
  return capped
}
