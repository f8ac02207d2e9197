import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BuiltinSongProvider } from '../../../../media/audio/song/builtin-song'
import { lyricLines, syllablesOf } from '../../../../media/audio/song/lyric-phrases'
import { composeScore } from '../../../../media/audio/song/song-score'
import { songStyle } from '../../../../media/audio/song/song-style'
import { readWavLayout } from '../../../../media/audio/wav-layout'
import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'

const SAMPLE_RATE = 16000
const output = (duration_s: number) => ({ id: 'song', media_type: 'audio', provider: 'builtin_song', parameters: { duration_s, sample_rate: SAMPLE_RATE } }) as unknown as OutputConfig
const perspective = { id: 'bauhaus' } as Perspective
const LYRICS = 'The little cat is dancing\nOn the roof tonight\nShe sings to the moon'

async function song(tags: string[], lyrics = LYRICS, duration = 8, seed = 7) {
  const media = await new BuiltinSongProvider().generate({ prompt: 'a cat on a roof', seed, perspective, output: output(duration), music: { lyrics, tags } })
  return media.data
}

function samplesOf(wav: Buffer): Float32Array {
  const layout = readWavLayout(wav)!
  const samples = new Float32Array(layout.samples.length / 2)
  for (let index = 0; index < samples.length; index++) samples[index] = layout.samples.readInt16LE(index * 2) / 32768
  return samples
}

/** The low band of a sound: three one-pole low-passes. */
function lowBand(samples: Float32Array, hz: number): Float32Array {
  const low = Float32Array.from(samples)
  const keep = Math.exp(-2 * Math.PI * hz / SAMPLE_RATE)
  for (let pass = 0; pass < 3; pass++) for (let index = 1; index < low.length; index++) low[index] = low[index]! * (1 - keep) + low[index - 1]! * keep
  return low
}

const energy = (samples: Float32Array) => samples.reduce((sum, value) => sum + value * value, 0)

/** Seconds between beats, measured: the shortest lag at which the low band's onsets repeat nearly as well as at the best one. */
function measuredBeat(samples: Float32Array): number {
  const frame = SAMPLE_RATE / 100
  const low = lowBand(samples, 150)
  const energy: number[] = []
  for (let start = 0; start + frame <= low.length; start += frame) {
    let sum = 0
    for (let index = start; index < start + frame; index++) sum += low[index]! ** 2
    energy.push(Math.sqrt(sum / frame))
  }
  const onsets = energy.map((value, index) => Math.max(0, value - (energy[index - 1] ?? 0)))
  const scores: number[] = []
  for (let lag = 30; lag <= 100; lag++) {
    let sum = 0
    for (let index = lag; index < onsets.length; index++) sum += onsets[index]! * onsets[index - lag]!
    scores[lag] = sum
  }
  const best = Math.max(...scores.filter(Number.isFinite))
  return scores.findIndex(score => score >= best * 0.7) / 100
}

/** Share of the sound's energy below 80 Hz: a kick drum's thump, which no melodic voice of the song reaches without bass. */
const lowShare = (samples: Float32Array) => energy(lowBand(samples, 80)) / energy(samples)

describe('built-in song', () => {
  it('is the same file for the same lyrics, tags and seed, and another for another seed', async () => {
    const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex')
    const first = await song(['pop', 'drums', 'piano'])
    expect(hash(await song(['pop', 'drums', 'piano']))).toBe(hash(first))
    expect(hash(await song(['pop', 'drums', 'piano'], LYRICS, 8, 8))).not.toBe(hash(first))
  })

  it('is a valid 16-bit mono WAV of the duration the output sets', async () => {
    const data = await song(['folk'], LYRICS, 5)
    const layout = readWavLayout(data)!
    expect(data.subarray(0, 4).toString('ascii')).toBe('RIFF')
    expect(data.subarray(8, 12).toString('ascii')).toBe('WAVE')
    expect(layout).toMatchObject({ code: 1, channels: 1, bits: 16, byteRate: SAMPLE_RATE * 2 })
    expect(layout.samples.length / 2 / SAMPLE_RATE).toBeCloseTo(5, 2)
    expect(Math.max(...samplesOf(data).map(Math.abs))).toBeGreaterThan(0.5)
  })

  it('plays at the tempo the tags ask for, measured in the sound', async () => {
    const slow = measuredBeat(samplesOf(await song(['electronic', 'slow', 'drums', 'synth'], LYRICS, 10)))
    const fast = measuredBeat(samplesOf(await song(['electronic', 'fast', 'drums', 'synth'], LYRICS, 10)))
    // electronic: a kick on every beat; slow = 76, fast = 144 beats a minute.
    expect(slow).toBeCloseTo(60 / 76, 1)
    expect(fast).toBeCloseTo(60 / 144, 1)
  })

  it('has drums only when they are picked, heard as noise in the sound', async () => {
    const withDrums = lowShare(samplesOf(await song(['rock', 'drums', 'flute'])))
    const without = lowShare(samplesOf(await song(['rock', 'flute'])))
    expect(withDrums).toBeGreaterThan(without * 3)
  })

  it('gives the tune to the picked instrument and the band to the genre', () => {
    expect(songStyle(['folk', 'flute', 'guitar'])).toMatchObject({ lead: 'flute', chords: 'guitar', bass: false, drums: null })
    expect(songStyle(['rock'])).toMatchObject({ lead: 'guitar', bass: true, drums: expect.anything(), bpm: 132 })
    expect(songStyle(['sad', 'slow', 'bells'])).toMatchObject({ mode: 'minor', bpm: 76, lead: 'bells' })
  })

  it('sings one note per syllable, each line a phrase starting on a bar after a breath', () => {
    const lines = lyricLines(LYRICS)
    const style = songStyle(['pop', 'medium'])
    const score = composeScore(lines, style, 1, 30)
    const bar = score.beat * 4
    const firstRound = score.phrases.slice(0, 3)
    expect(firstRound.map(phrase => phrase.text)).toEqual(LYRICS.split('\n'))
    for (const [index, phrase] of firstRound.entries()) {
      const sung = score.notes.filter(note => note.part === 'lead' && note.start >= phrase.start - 1e-9 && note.start < phrase.end)
      expect(sung.map(note => note.syllable)).toEqual(lines[index]!.syllables.map(syllable => syllable.text))
      expect(phrase.start / bar).toBeCloseTo(Math.round(phrase.start / bar), 6)
      const next = score.phrases[index + 1]
      if (next) expect(next.start - phrase.end).toBeGreaterThanOrEqual(score.beat - 1e-9)
    }
    // More lines, more phrases: the phrasing follows the lyrics.
    expect(composeScore(lyricLines('One\nTwo\nThree\nFour\nFive'), style, 1, 30).phrases.slice(0, 5).map(phrase => phrase.text)).toEqual(['One', 'Two', 'Three', 'Four', 'Five'])
  })

  it('cuts words into sung syllables', () => {
    expect(syllablesOf('Sonnenblume', 'de')).toEqual(['Son', 'nen', 'blu', 'me'])
    expect(syllablesOf('winter')).toEqual(['win', 'ter'])
    expect(syllablesOf('stone')).toEqual(['stone'])
    expect(syllablesOf('cat')).toEqual(['cat'])
  })
})
