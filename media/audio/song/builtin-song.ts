import { encodeWav } from '../builtin/wav'
import { mixdown } from '../builtin/mixdown'
import type { GeneratedMedia, GenerationInput, GenerationProvider } from '../../../server/utils/providers/types'
import { writeBuiltinLyrics } from '../lyrics/builtin-lyrics'
import { lyricLines } from './lyric-phrases'
import { renderSong } from './render-song'
import { composeScore } from './song-score'
import { songStyle } from './song-style'

const DEFAULT_DURATION_S = 20
const DEFAULT_SAMPLE_RATE = 22050
const STEPS = 3

/**
 * A song from lyrics and style tags, offline: the tags pick tempo, mode, band and groove; every
 * lyric line is a phrase with one note per syllable. A WAV file, the same for the same run.
 */
export class BuiltinSongProvider implements GenerationProvider {
  readonly id = 'builtin_song'
  readonly model = 'song-v1'
  readonly mediaType = 'audio' as const

  async generate({ prompt, seed, output, music, language, onProgress, signal }: GenerationInput): Promise<GeneratedMedia> {
    signal?.throwIfAborted()
    const duration = output.parameters.duration_s ?? DEFAULT_DURATION_S
    const sampleRate = output.parameters.sample_rate ?? DEFAULT_SAMPLE_RATE
    const lyrics = music?.lyrics || writeBuiltinLyrics(prompt, prompt, language ?? 'en')
    const style = songStyle(music?.tags ?? [])
    const score = composeScore(lyricLines(lyrics, language), style, seed, duration)
    onProgress?.({ value: 1, max: STEPS })
    const buffer = await renderSong(score, style, seed, sampleRate, duration, signal)
    onProgress?.({ value: 2, max: STEPS })
    const data = encodeWav(mixdown(buffer, sampleRate), sampleRate)
    onProgress?.({ value: STEPS, max: STEPS })
    return { data, mime: 'audio/wav', extension: 'wav', width: null, height: null, duration_s: duration }
  }
}
