import type { Language } from '#shared/schemas/common'
import { LYRICS_MAX_LINES } from '#shared/song-tags'

/** One sung syllable: the text is kept so tests and research can see which note sings what. */
export interface Syllable { text: string, /** The last syllable of its word. */ wordEnd: boolean, /** A word's first syllable carries the stress. */ stressed: boolean }

/** One line of the lyrics: it becomes one musical phrase, with a breath after it. */
export interface LyricLine { text: string, syllables: Syllable[] }

const VOWEL_GROUP = /[aeiouyäöüáàâéèêíìîóòôúùûæøåœ]+/giu
const SHORT_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'der', 'die', 'das', 'und', 'ein', 'eine', 'im', 'am', 'zu', 'mit'])

/**
 * A word cut into sung syllables, one per vowel group ("Son-nen-blu-me", "rain-bow"). Not a
 * dictionary hyphenation: enough to give every vowel sound its own note. A silent final "e" in
 * English ("stone") is not sung on its own.
 */
export function syllablesOf(word: string, language: Language = 'en'): string[] {
  const groups = [...word.matchAll(VOWEL_GROUP)]
  if (language === 'en' && groups.length > 1 && /[^aeiouy]e$/i.test(word) && !/le$/i.test(word)) groups.pop()
  if (groups.length <= 1) return [word]
  const parts: string[] = []
  let start = 0
  for (let index = 1; index < groups.length; index++) {
    // Cut between the consonants after one vowel group and before the next: "win|ter", "ro|se".
    const previousEnd = groups[index - 1]!.index! + groups[index - 1]![0].length
    const nextStart = groups[index]!.index!
    const cut = nextStart - previousEnd > 1 ? previousEnd + 1 : previousEnd
    parts.push(word.slice(start, cut))
    start = cut
  }
  parts.push(word.slice(start))
  return parts
}

/** Lyrics as sung lines: empty lines dropped, at most LYRICS_MAX_LINES, each with its syllables. */
export function lyricLines(lyrics: string, language: Language = 'en'): LyricLine[] {
  return lyrics.split(/\r?\n/).map(line => line.trim()).filter(line => /\p{L}/u.test(line)).slice(0, LYRICS_MAX_LINES).map((text) => {
    const words = text.match(/[\p{L}'’]+/gu) ?? []
    const syllables = words.flatMap((word) => {
      const parts = syllablesOf(word, language)
      return parts.map((part, index) => ({ text: part, wordEnd: index === parts.length - 1, stressed: index === 0 && !SHORT_WORDS.has(word.toLowerCase()) }))
    })
    return { text, syllables }
  })
}
