import type { Perspective } from '#shared/schemas/perspective'
import { lookupWord } from '../../../server/utils/providers/builtin/prompt-words'

/** Semitone steps above the root; pentatonic scales have no note that can clash. */
export const SCALES = {
  major_pentatonic: [0, 2, 4, 7, 9],
  minor_pentatonic: [0, 3, 5, 7, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  whole_tone: [0, 2, 4, 6, 8, 10],
  harmonic_minor: [0, 2, 3, 5, 7, 8, 11],
} as const
export type ScaleName = keyof typeof SCALES

const MOOD_WORDS: Array<[ScaleName, string[]]> = [
  ['minor_pentatonic', ['sad', 'traurig', 'night', 'nacht', 'dark', 'dunkel', 'rain', 'regen', 'alone', 'allein', 'lonely', 'einsam', 'cold', 'kalt', 'winter', 'ghost', 'gespenst']],
  ['lydian', ['dream', 'traum', 'magic', 'zauber', 'space', 'weltall', 'weltraum', 'star', 'stern', 'fairy', 'fee', 'wonder', 'wunder', 'cloud', 'wolke']],
  ['dorian', ['old', 'alt', 'ancient', 'king', 'könig', 'queen', 'königin', 'castle', 'burg', 'schloss', 'knight', 'ritter', 'forest', 'wald']],
  ['whole_tone', ['crazy', 'verrückt', 'strange', 'seltsam', 'weird', 'komisch', 'upside', 'chaos', 'monster', 'robot', 'roboter']],
  ['major_pentatonic', ['happy', 'fröhlich', 'froh', 'sun', 'sonne', 'party', 'fest', 'play', 'spielen', 'dance', 'tanzen', 'birthday', 'geburtstag', 'friend', 'freund']],
]
const MOOD_VOCABULARY = new Map(MOOD_WORDS.flatMap(([scale, words]) => words.map(word => [word, scale] as const)))

/** Perspectives lend their era's sound; matched on the id like the image styles. */
const PERSPECTIVE_SCALES: Array<[ScaleName, RegExp]> = [
  ['dorian', /renaissance|baroque|barock|medieval/],
  ['lydian', /bauhaus|technical|blueprint/],
  ['harmonic_minor', /1[78][0-9]0s|analogue_copy|nostalg/],
  ['whole_tone', /mad_world|dada|surreal|chaos|cooked/],
]

/** A mood word the child wrote wins; otherwise the perspective decides; most ideas sound bright. */
export function scaleFor(words: readonly string[], perspective: Pick<Perspective, 'id'>): ScaleName {
  for (const word of words) {
    const mood = lookupWord(word, MOOD_VOCABULARY)
    if (mood) return mood
  }
  return PERSPECTIVE_SCALES.find(([, pattern]) => pattern.test(perspective.id))?.[0] ?? 'major_pentatonic'
}
