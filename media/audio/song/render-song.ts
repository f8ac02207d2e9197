import { addDrumHit, addInstrumentNote } from './instruments'
import type { Score } from './song-score'
import type { SongStyle } from './song-style'

const NOTES_PER_SLICE = 24

/** Plays the score into a mono buffer; yields now and then so a long song does not hold up other requests, and notices a cancel. */
export async function renderSong(score: Score, style: SongStyle, seed: number, sampleRate: number, duration: number, signal?: AbortSignal): Promise<Float32Array> {
  const buffer = new Float32Array(Math.round(duration * sampleRate))
  for (const [index, note] of score.notes.entries()) {
    const instrument = note.part === 'bass' ? 'bass' : note.part === 'chords' ? style.chords! : style.lead
    addInstrumentNote(buffer, sampleRate, instrument, note)
    if (index % NOTES_PER_SLICE === NOTES_PER_SLICE - 1) {
      await new Promise(resolve => setImmediate(resolve))
      signal?.throwIfAborted()
    }
  }
  for (const hit of score.drums) addDrumHit(buffer, sampleRate, hit, seed)
  return buffer
}
