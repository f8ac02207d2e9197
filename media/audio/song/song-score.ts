import { hashString, seededRandom } from '../../../server/utils/providers/builtin/seeded-random'
import type { LyricLine } from './lyric-phrases'
import { MODES, type SongStyle } from './song-style'

export type Part = 'lead' | 'chords' | 'bass'
export interface ScoreNote { part: Part, start: number, length: number, midi: number, loudness: number, /** The syllable a lead note sings. */ syllable?: string }
export type Drum = 'kick' | 'snare' | 'hat'
export interface DrumHit { drum: Drum, start: number, loudness: number }
/** Where a lyric line is sung, in seconds. */
export interface Phrase { line: number, text: string, start: number, end: number }

export interface Score { beat: number, bars: number, notes: ScoreNote[], drums: DrumHit[], phrases: Phrase[] }

const BEATS_PER_BAR = 4
const ROOT_MIDI = 60
/** A breath after every line: the next line starts on the next bar, at least this many beats later. */
const BREATH_BEATS = 1
const ENDING_S = 1.6

const midiOf = (mode: readonly number[], root: number, degree: number) =>
  root + Math.floor(degree / mode.length) * 12 + mode[((degree % mode.length) + mode.length) % mode.length]!

/** Beats each syllable is held: eighths for most, a quarter for stressed one-syllable words, long at the end of a line. */
function rhythmOf(line: LyricLine): number[] {
  return line.syllables.map((syllable, index) => {
    if (index === line.syllables.length - 1) return 2
    return syllable.stressed && syllable.wordEnd ? 1 : 0.5
  })
}

/**
 * The song on paper: each lyric line is one phrase of notes, one note per syllable, starting on a
 * bar and followed by a breath; the lines come round again until the song is over. Chords, bass
 * and drums follow the style, bar by bar. The same lyrics, tags and seed give the same score.
 */
export function composeScore(lines: readonly LyricLine[], style: SongStyle, seed: number, duration: number): Score {
  const beat = 60 / style.bpm
  const bar = beat * BEATS_PER_BAR
  const bars = Math.max(1, Math.floor((duration - ENDING_S) / bar))
  const mode = MODES[style.mode]
  const notes: ScoreNote[] = []
  const phrases: Phrase[] = []
  const swing = (position: number) => (style.swing && position % 1 === 0.5 ? position + 1 / 6 : position)

  // The melody: a line's own hash shapes its tune, so a line sung twice (a refrain) sounds the same.
  let barIndex = 0
  for (let placed = true; placed && barIndex < bars;) {
    placed = false
    for (const [lineIndex, line] of lines.entries()) {
      const rhythm = rhythmOf(line)
      const beats = rhythm.reduce((sum, length) => sum + length, 0)
      const lineBars = Math.ceil((beats + BREATH_BEATS) / BEATS_PER_BAR)
      if (barIndex + lineBars > bars) break
      const random = seededRandom((hashString(line.text) ^ seed) >>> 0)
      const chordRoot = style.progression[barIndex % style.progression.length]!
      let degree = chordRoot + [0, 2, 4][Math.floor(random() * 3)]!
      let position = 0
      const start = barIndex * bar
      line.syllables.forEach((syllable, index) => {
        const last = index === line.syllables.length - 1
        // Odd lines ask (end on the fifth), even lines answer (end on the root).
        if (last) degree = lineIndex % 2 === 0 ? 4 : 0
        notes.push({ part: 'lead', start: start + swing(position) * beat, length: rhythm[index]! * beat * 0.92, midi: midiOf(mode, ROOT_MIDI + 12, degree), loudness: syllable.stressed ? 0.95 : 0.75, syllable: syllable.text })
        position += rhythm[index]!
        const step = Math.floor(random() * 5) - 2
        degree = Math.max(-2, Math.min(9, degree + (step === 0 ? 1 : step)))
      })
      phrases.push({ line: lineIndex, text: line.text, start, end: start + position * beat })
      barIndex += lineBars
      placed = true
    }
  }

  for (let index = 0; index < bars; index++) {
    const start = index * bar
    const chordRoot = style.progression[index % style.progression.length]!
    if (style.chords) {
      for (const third of [0, 2, 4]) notes.push({ part: 'chords', start, length: bar * 0.95, midi: midiOf(mode, ROOT_MIDI - 12, chordRoot + third), loudness: 0.45 })
    }
    if (style.bass) {
      for (const [beatIndex, offset] of [[0, 0], [2, 4]] as const) notes.push({ part: 'bass', start: start + beatIndex * beat, length: beat * 1.8, midi: midiOf(mode, ROOT_MIDI - 24, chordRoot + offset), loudness: 0.8 })
    }
  }
  // Home: the root chord and note held at the end.
  const end = bars * bar
  for (const third of [0, 2, 4]) notes.push({ part: style.chords ? 'chords' : 'lead', start: end, length: ENDING_S * 0.8, midi: midiOf(mode, ROOT_MIDI - 12, third), loudness: 0.5 })
  if (style.bass) notes.push({ part: 'bass', start: end, length: ENDING_S * 0.8, midi: ROOT_MIDI - 24, loudness: 0.8 })

  const drums: DrumHit[] = []
  if (style.drums) {
    for (let index = 0; index < bars; index++) {
      for (let eighth = 0; eighth < 8; eighth++) {
        const start = index * bar + swing(eighth / 2) * beat
        for (const drum of ['kick', 'snare', 'hat'] as const) {
          const loudness = style.drums[drum][eighth]!
          if (loudness > 0) drums.push({ drum, start, loudness })
        }
      }
    }
    drums.push({ drum: 'kick', start: end, loudness: 1 })
  }
  return { beat, bars, notes, drums, phrases }
}
