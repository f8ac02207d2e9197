// Plain constants with no zod, so the music step's chips can use them without shipping the schema library.

/**
 * The style tags a student picks for a song, by group. The ids are English words because they go
 * to music models as they are (ACE-Step reads "pop, happy, fast, piano"); the chips show them in
 * the child's language (locales/<lang>/music.json).
 */
export const SONG_TAG_GROUPS = {
  genre: ['pop', 'rock', 'folk', 'lullaby', 'hiphop', 'electronic', 'jazz'],
  mood: ['happy', 'sad', 'dreamy', 'mysterious', 'brave', 'calm'],
  tempo: ['slow', 'medium', 'fast'],
  instruments: ['piano', 'guitar', 'flute', 'strings', 'synth', 'bells', 'bass', 'drums'],
} as const

export type SongTagGroup = keyof typeof SONG_TAG_GROUPS
export type SongTag = typeof SONG_TAG_GROUPS[SongTagGroup][number]
export type Genre = typeof SONG_TAG_GROUPS.genre[number]
export type Mood = typeof SONG_TAG_GROUPS.mood[number]
export type Tempo = typeof SONG_TAG_GROUPS.tempo[number]
export type Instrument = typeof SONG_TAG_GROUPS.instruments[number]

export const SONG_TAGS: readonly SongTag[] = Object.values(SONG_TAG_GROUPS).flat()
export const isSongTag = (value: string): value is SongTag => (SONG_TAGS as readonly string[]).includes(value)

/** Groups a student picks one of; instruments may be several. */
export const SINGLE_CHOICE_GROUPS: readonly SongTagGroup[] = ['genre', 'mood', 'tempo']

/** Lyrics a child can sing in half a minute: a few short lines. */
export const LYRICS_MAX_CHARS = 600
export const LYRICS_MAX_LINES = 12
