import type { Instrument } from '#shared/song-tags'
import { seededRandom } from '../../../server/utils/providers/builtin/seeded-random'
import type { DrumHit } from './song-score'

const midiToHz = (midi: number) => 440 * 2 ** ((midi - 69) / 12)

/**
 * How a melodic instrument sounds: its overtones (relative levels), how fast they die away, its
 * attack and whether it swells and wavers like breath and bow. Chosen so each instrument is told
 * apart on a tablet speaker, not to imitate it closely.
 */
interface Voice { partials: number[], /** Per second, for the fundamental; overtones fade faster. */ decay: number, attack: number, release: number, vibrato: number, gain: number }

const VOICES: Record<Exclude<Instrument, 'drums'>, Voice> = {
  piano: { partials: [1, 0.5, 0.3, 0.15, 0.08], decay: 1.6, attack: 0.004, release: 0.12, vibrato: 0, gain: 0.32 },
  guitar: { partials: [1, 0.7, 0.45, 0.3, 0.2, 0.1], decay: 2.6, attack: 0.003, release: 0.08, vibrato: 0, gain: 0.3 },
  bells: { partials: [1, 0, 0.45, 0, 0.25], decay: 0.7, attack: 0.002, release: 0.5, vibrato: 0, gain: 0.3 },
  flute: { partials: [1, 0.18, 0.06], decay: 0, attack: 0.06, release: 0.08, vibrato: 0.006, gain: 0.34 },
  strings: { partials: [1, 0.5, 0.33, 0.25, 0.2, 0.16, 0.14], decay: 0, attack: 0.14, release: 0.2, vibrato: 0.005, gain: 0.2 },
  synth: { partials: [1, 0, 0.33, 0, 0.2, 0, 0.14, 0, 0.11], decay: 0, attack: 0.01, release: 0.06, vibrato: 0.003, gain: 0.2 },
  bass: { partials: [1, 0.35, 0.1], decay: 1.2, attack: 0.006, release: 0.08, vibrato: 0, gain: 0.5 },
}

/** Bells ring with the slightly out-of-tune overtones of struck metal. */
const BELL_RATIOS = [1, 2.01, 2.76, 4.1, 5.4]

/** Adds one note of an instrument to the buffer. */
export function addInstrumentNote(buffer: Float32Array, sampleRate: number, instrument: Exclude<Instrument, 'drums'>, note: { start: number, length: number, midi: number, loudness: number }): void {
  const voice = VOICES[instrument]
  const frequency = midiToHz(note.midi)
  const first = Math.max(0, Math.floor(note.start * sampleRate))
  const last = Math.min(buffer.length, Math.ceil((note.start + note.length + voice.release) * sampleRate))
  const ratios = instrument === 'bells' ? BELL_RATIOS : voice.partials.map((_, index) => index + 1)
  // Levels fade by a fixed factor per sample: multiplying is far cheaper than Math.exp each time.
  const fades = voice.partials.map((_, index) => Math.exp(-voice.decay * (1 + index * 0.6) / sampleRate))
  const levels = [...voice.partials]
  let phase = 0
  for (let index = first; index < last; index++) {
    const time = index / sampleRate - note.start
    phase += 2 * Math.PI * frequency / sampleRate * (1 + Math.sin(2 * Math.PI * 5.5 * time) * voice.vibrato)
    let value = 0
    for (let partial = 0; partial < levels.length; partial++) {
      if (levels[partial]! > 0 && frequency * ratios[partial]! < sampleRate / 2) value += levels[partial]! * Math.sin(phase * ratios[partial]!)
      levels[partial]! *= fades[partial]!
    }
    const attack = Math.min(1, time / voice.attack)
    const release = time > note.length ? Math.max(0, 1 - (time - note.length) / voice.release) : 1
    buffer[index]! += value * attack * release * note.loudness * voice.gain
  }
}

const DRUM_LENGTH_S = { kick: 0.3, snare: 0.18, hat: 0.05 } as const

/** Kick: a falling sine thump. Snare: a short tone under noise. Hat: a tick of bright noise. The noise is seeded, so every render is the same. */
export function addDrumHit(buffer: Float32Array, sampleRate: number, hit: DrumHit, seed: number): void {
  const first = Math.max(0, Math.floor(hit.start * sampleRate))
  const last = Math.min(buffer.length, first + Math.ceil(DRUM_LENGTH_S[hit.drum] * sampleRate))
  const noise = seededRandom(seed ^ first)
  let phase = 0
  let previousNoise = 0
  for (let index = first; index < last; index++) {
    const time = (index - first) / sampleRate
    let value: number
    if (hit.drum === 'kick') {
      phase += 2 * Math.PI * (45 + 95 * Math.exp(-time * 30)) / sampleRate
      value = Math.sin(phase) * Math.exp(-time * 11) * 0.9
    }
    else {
      const white = noise() * 2 - 1
      // The difference of two noise samples leaves mostly the highs: a cheap high-pass.
      const bright = white - previousNoise
      previousNoise = white
      value = hit.drum === 'snare'
        ? (white * 0.5 + Math.sin(2 * Math.PI * 185 * time) * 0.4) * Math.exp(-time * 22) * 0.5
        : bright * Math.exp(-time * 70) * 0.16
    }
    buffer[index]! += value * hit.loudness
  }
}
