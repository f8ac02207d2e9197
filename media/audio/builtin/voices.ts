import { type Adsr, adsrLevel, MALLET, SWELL } from './envelope'
import type { Note } from './melody'

const midiToHz = (midi: number) => 440 * 2 ** ((midi - 69) / 12)

interface Timbre { partials: number[], envelope: Adsr, gain: number, vibrato: number }

/** Few, quickly fading overtones: bright enough for a tablet speaker, never shrill. */
const TIMBRES: Record<Note['voice'], Timbre> = {
  lead: { partials: [1, 0.32, 0.14, 0.05], envelope: MALLET, gain: 0.34, vibrato: 0.004 },
  harmony: { partials: [1, 0.12], envelope: { ...MALLET, attack: 0.04, release: 0.5 }, gain: 0.3, vibrato: 0 },
}

/** Adds one note into the buffer; overtones die away faster than the fundamental, as in struck instruments. */
export function addNote(buffer: Float32Array, sampleRate: number, note: Note): void {
  const timbre = TIMBRES[note.voice]
  const step = 2 * Math.PI * midiToHz(note.midi) / sampleRate
  const first = Math.floor(note.start * sampleRate)
  const last = Math.min(buffer.length, Math.ceil((note.start + note.length + timbre.envelope.release) * sampleRate))
  // Each overtone fades by a fixed factor per sample; multiplying is much cheaper than Math.exp each time.
  const fadePerSample = timbre.partials.map((_, partial) => Math.exp(-partial * 3 / sampleRate))
  const overtoneLevels = [...timbre.partials]
  let phase = 0
  for (let index = first; index < last; index++) {
    const time = (index - first) / sampleRate
    // Vibrato bends the phase increment, not the phase itself, so the pitch wavers evenly.
    phase += step * (time > 0.2 ? 1 + Math.sin(2 * Math.PI * 5 * time) * timbre.vibrato : 1)
    let value = 0
    for (let partial = 0; partial < overtoneLevels.length; partial++) {
      value += overtoneLevels[partial]! * Math.sin(phase * (partial + 1))
      overtoneLevels[partial]! *= fadePerSample[partial]!
    }
    if (index >= 0) buffer[index]! += value * adsrLevel(timbre.envelope, time, note.length) * note.loudness * timbre.gain
  }
}

/** Root and fifth humming underneath the tune the whole time. */
export function addDrone(buffer: Float32Array, sampleRate: number, root: number): void {
  const held = buffer.length / sampleRate - SWELL.release
  const frequencies = [midiToHz(root), midiToHz(root + 7)]
  for (let index = 0; index < buffer.length; index++) {
    const time = index / sampleRate
    const breath = 0.8 + 0.2 * Math.sin(2 * Math.PI * 0.25 * time)
    const level = adsrLevel(SWELL, time, held) * breath * 0.07
    buffer[index]! += level * (Math.sin(2 * Math.PI * frequencies[0]! * time) + 0.6 * Math.sin(2 * Math.PI * frequencies[1]! * time))
  }
}
