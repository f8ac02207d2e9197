import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../../../server/utils/providers/types'
import { promptWords } from '../../../server/utils/providers/builtin/prompt-words'
import { composeMelody } from './melody'
import { mixdown } from './mixdown'
import { scaleFor } from './scales'
import { addDrone, addNote } from './voices'
import { encodeWav } from './wav'

const DEFAULT_DURATION_S = 6
const DEFAULT_SAMPLE_RATE = 22050
const STEPS = 3
const NOTES_PER_SLICE = 8

/** Sings the prompt as a short tune: a melody from its words over a soft drone, as a WAV file. */
export class BuiltinAudioProvider implements GenerationProvider {
  readonly id = 'builtin_audio'
  readonly model = 'procedural-v1'
  readonly mediaType = 'audio' as const

  async generate({ prompt, seed, perspective, output, onProgress, signal }: GenerationInput): Promise<GeneratedMedia> {
    signal?.throwIfAborted()
    const duration = output.parameters.duration_s ?? DEFAULT_DURATION_S
    const sampleRate = output.parameters.sample_rate ?? DEFAULT_SAMPLE_RATE
    const words = promptWords(prompt)
    const melody = composeMelody(words, prompt, seed, scaleFor(words, perspective), duration)
    onProgress?.({ value: 1, max: STEPS })

    const buffer = new Float32Array(Math.round(duration * sampleRate))
    addDrone(buffer, sampleRate, melody.root)
    for (const [index, note] of melody.notes.entries()) {
      addNote(buffer, sampleRate, note)
      // Long, high-rate sounds take a while: let other requests in now and then, and notice a cancel.
      if (index % NOTES_PER_SLICE === NOTES_PER_SLICE - 1) {
        await new Promise(resolve => setImmediate(resolve))
        signal?.throwIfAborted()
      }
    }
    signal?.throwIfAborted()
    onProgress?.({ value: 2, max: STEPS })

    const data = encodeWav(mixdown(buffer, sampleRate), sampleRate)
    onProgress?.({ value: STEPS, max: STEPS })
    return { data, mime: 'audio/wav', extension: 'wav', width: null, height: null, duration_s: duration }
  }
}
