import { type Genre, type Instrument, type Mood, SONG_TAG_GROUPS, type Tempo } from '#shared/song-tags'

/** Semitone steps of a seven-note mode: melody and chords both come from it. */
export const MODES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  harmonic_minor: [0, 2, 3, 5, 7, 8, 11],
} as const
export type ModeName = keyof typeof MODES

/** One bar of eight eighth notes per drum: 1 = hit, 0.5 = soft hit, 0 = rest. */
export interface Groove { kick: number[], snare: number[], hat: number[] }

export interface SongStyle {
  genre: Genre
  mood: Mood
  bpm: number
  mode: ModeName
  /** Chord roots as mode degrees, one chord per bar, cycling. */
  progression: number[]
  /** Sings the lyrics. */
  lead: MelodicInstrument
  /** Plays the chords (may be the lead itself when it is the only melodic instrument). */
  chords: MelodicInstrument | null
  bass: boolean
  drums: Groove | null
  /** Eighths played long-short, as jazz swings. */
  swing: boolean
}

const TEMPO_BPM: Record<Tempo, number> = { slow: 76, medium: 104, fast: 144 }
const GENRE_BPM: Record<Genre, number> = { pop: 112, rock: 132, folk: 100, lullaby: 70, hiphop: 92, electronic: 124, jazz: 120 }

const MOOD_MODE: Record<Mood, ModeName> = { happy: 'major', sad: 'minor', dreamy: 'lydian', mysterious: 'harmonic_minor', brave: 'mixolydian', calm: 'major' }

const GENRE_PROGRESSION: Record<Genre, number[]> = {
  pop: [0, 4, 5, 3], rock: [0, 6, 3, 0], folk: [0, 3, 4, 0], lullaby: [0, 3, 0, 4],
  hiphop: [0, 5, 3, 4], electronic: [0, 5, 2, 6], jazz: [1, 4, 0, 0],
}

/** What a genre sounds like when the student picks no instruments: lead first, then the band. */
const GENRE_BAND: Record<Genre, Instrument[]> = {
  pop: ['piano', 'bass', 'drums'], rock: ['guitar', 'bass', 'drums'], folk: ['flute', 'guitar'],
  lullaby: ['bells', 'strings'], hiphop: ['synth', 'bass', 'drums'], electronic: ['synth', 'bass', 'drums'], jazz: ['piano', 'bass', 'drums'],
}

const x = 1, o = 0, s = 0.5
const GROOVES: Record<Genre, Groove> = {
  pop: { kick: [x, o, o, o, x, o, o, o], snare: [o, o, x, o, o, o, x, o], hat: [s, s, s, s, s, s, s, s] },
  rock: { kick: [x, o, o, o, x, o, x, o], snare: [o, o, x, o, o, o, x, o], hat: [x, s, x, s, x, s, x, s] },
  folk: { kick: [x, o, o, o, x, o, o, o], snare: [o, o, s, o, o, o, s, o], hat: [o, o, o, o, o, o, o, o] },
  lullaby: { kick: [s, o, o, o, o, o, o, o], snare: [o, o, o, o, o, o, o, o], hat: [o, o, s, o, o, o, s, o] },
  hiphop: { kick: [x, o, o, x, o, x, o, o], snare: [o, o, x, o, o, o, x, o], hat: [s, s, s, s, s, s, s, s] },
  electronic: { kick: [x, o, x, o, x, o, x, o], snare: [o, o, x, o, o, o, x, o], hat: [o, x, o, x, o, x, o, x] },
  jazz: { kick: [s, o, o, o, o, o, o, o], snare: [o, o, o, o, o, o, s, o], hat: [x, o, x, s, x, o, x, s] },
}

export type MelodicInstrument = Exclude<Instrument, 'bass' | 'drums'>
const MELODIC: readonly MelodicInstrument[] = ['flute', 'synth', 'piano', 'guitar', 'bells', 'strings']
const CHORDAL: readonly MelodicInstrument[] = ['piano', 'guitar', 'strings', 'synth', 'bells']
const isMelodic = (instrument: Instrument): instrument is MelodicInstrument => (MELODIC as readonly string[]).includes(instrument)

const first = <T extends string>(tags: readonly string[], group: readonly T[]): T | undefined =>
  tags.find((tag): tag is T => (group as readonly string[]).includes(tag))

/**
 * The song's sound from the student's tags: tempo from the tempo tag (or the genre), the mode from
 * the mood, the band from the instruments (or the genre's own band). Unknown tags are ignored.
 */
export function songStyle(tags: readonly string[]): SongStyle {
  const genre = first(tags, SONG_TAG_GROUPS.genre) ?? 'pop'
  const mood = first(tags, SONG_TAG_GROUPS.mood) ?? 'happy'
  const tempo = first(tags, SONG_TAG_GROUPS.tempo)
  const chosen = SONG_TAG_GROUPS.instruments.filter(instrument => tags.includes(instrument))
  const band = chosen.length > 0 ? chosen : GENRE_BAND[genre]
  const melodic = MELODIC.filter(instrument => band.includes(instrument))
  const lead = melodic[0] ?? GENRE_BAND[genre].find(isMelodic) ?? 'piano'
  const chords = CHORDAL.find(instrument => band.includes(instrument) && instrument !== lead) ?? (melodic.length > 0 ? lead : null)
  return {
    genre, mood,
    bpm: tempo ? TEMPO_BPM[tempo] : GENRE_BPM[genre],
    mode: MOOD_MODE[mood],
    progression: GENRE_PROGRESSION[genre],
    lead, chords,
    bass: band.includes('bass'),
    drums: band.includes('drums') ? GROOVES[genre] : null,
    swing: genre === 'jazz',
  }
}
