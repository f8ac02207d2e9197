import { hashString, seededRandom } from '../../../server/utils/providers/builtin/seeded-random'
import { isStopWord } from '../../../server/utils/providers/builtin/prompt-words'
import { SCALES, type ScaleName } from './scales'

export type Voice = 'lead' | 'harmony'

/** One note: when it starts and how long it is held, in seconds. */
export interface Note { start: number, length: number, midi: number, loudness: number, voice: Voice }

export interface Melody { notes: Note[], root: number, beat: number }

const VOWEL_GROUPS = /[aeiouyäöü]+/g
/** Each time the phrase comes back it moves a little, like a song's second verse. */
const VERSE_SHIFTS = [0, 2, -1, 1]

const syllables = (word: string) => Math.max(1, Math.min(4, word.match(VOWEL_GROUPS)?.length ?? 1))

function midiOf(scale: readonly number[], root: number, degree: number): number {
  const octave = Math.floor(degree / scale.length)
  return root + octave * 12 + scale[((degree % scale.length) + scale.length) % scale.length]!
}

/** Longer sentences sing faster, from a calm 76 up to a lively 128 beats a minute. */
export const beatSeconds = (wordCount: number) => 60 / (72 + Math.min(wordCount, 14) * 4)

/** Words become a tune: each word's hash picks its first note, its syllables walk on from there. */
export function composeMelody(words: readonly string[], prompt: string, seed: number, scaleName: ScaleName, duration: number): Melody {
  const scale = SCALES[scaleName]
  const rand = seededRandom((seed ^ hashString(prompt)) >>> 0)
  const root = 57 + (((hashString(prompt) ^ seed) >>> 0) % 7)
  const beat = beatSeconds(words.length)
  const sung = words.length ? words : ['la', 'la', 'lu']
  const notes: Note[] = []
  const end = duration - 1.2
  let time = 0.15
  let degree = 0
  for (let verse = 0; time < end; verse++) {
    for (const word of sung) {
      if (time >= end) break
      const hash = hashString(word)
      const passing = isStopWord(word)
      degree = passing ? degree + (hash % 2 ? 1 : -1) : (hash % (scale.length + 3)) - 2 + VERSE_SHIFTS[verse % 4]!
      const count = passing ? 1 : syllables(word)
      for (let syllable = 0; syllable < count && time < end; syllable++) {
        const last = syllable === count - 1
        const length = passing ? beat / 2 : last ? (word.length > 6 ? beat * 2 : beat) : beat / 2
        const loudness = (passing ? 0.5 : syllable === 0 ? 0.9 : 0.72) + (rand() - 0.5) * 0.1
        notes.push({ start: time, length, midi: midiOf(scale, root + 12, degree), loudness, voice: 'lead' })
        if (length >= beat) notes.push({ start: time, length, midi: midiOf(scale, root + 12, degree - 2), loudness: loudness * 0.45, voice: 'harmony' })
        time += length
        if (!last) degree += ((hash >>> (4 + syllable * 2)) % 3) - 1
      }
    }
    time += beat
  }
  // Every tune comes home: the last note is the root, held until the end.
  const homeStart = Math.max(0.05, Math.min(time, end))
  notes.push({ start: homeStart, length: Math.max(0.4, duration - homeStart - 0.6), midi: root + 12, loudness: 0.8, voice: 'lead' })
  notes.push({ start: homeStart, length: Math.max(0.4, duration - homeStart - 0.6), midi: midiOf(scale, root, 2), loudness: 0.35, voice: 'harmony' })
  return { notes, root, beat }
}
