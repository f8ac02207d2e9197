import { describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import { BuiltinAudioProvider } from '../../../../../media/audio/builtin/builtin-audio'

function makePerspective(id: string): Perspective {
  return Perspective.parse({
    id, colour: '#3aa655', category: 'play', icon: '🎵', minimum_age: 6, default_output: 'audio',
    name: { de: id, en: id }, description: { de: 'Test', en: 'Test' }, instruction: { de: 'Test', en: 'Test' },
  })
}

const audioOutput = (parameters: OutputConfig['parameters'] = {}) =>
  OutputConfig.parse({ id: 'builtin_audio', name: { de: 'Klang', en: 'Sound' }, media_type: 'audio', provider: 'builtin_audio', parameters })

const provider = new BuiltinAudioProvider()
const sing = (prompt: string, seed = 5, parameters = {}, perspectiveId = 'tellastory') =>
  provider.generate({ prompt, seed, perspective: makePerspective(perspectiveId), output: audioOutput(parameters) })

const samplesOf = (wav: Buffer) => new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length))

describe('BuiltinAudioProvider', () => {
  it('names itself and the media it makes', () => {
    expect([provider.id, provider.model, provider.mediaType]).toEqual(['builtin_audio', 'procedural-v1', 'audio'])
  })

  it('writes a 16-bit mono PCM WAV with a valid 44-byte RIFF header', async () => {
    const { data, mime, extension, duration_s } = await sing('a red house by the sea')
    expect([mime, extension, duration_s]).toEqual(['audio/wav', 'wav', 6])
    expect([data.toString('ascii', 0, 4), data.toString('ascii', 8, 12), data.toString('ascii', 12, 16), data.toString('ascii', 36, 40)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data'])
    expect(data.readUInt32LE(4)).toBe(data.length - 8)
    expect([data.readUInt16LE(20), data.readUInt16LE(22), data.readUInt32LE(24), data.readUInt32LE(28), data.readUInt16LE(32), data.readUInt16LE(34)]).toEqual([1, 1, 22050, 44100, 2, 16])
    expect(data.readUInt32LE(40)).toBe(data.length - 44)
  })

  it('lasts exactly duration × sample rate samples', async () => {
    expect((await sing('a tree')).data.length).toBe(6 * 22050 * 2 + 44)
    const short = await sing('a tree', 5, { duration_s: 2.5, sample_rate: 16000 })
    expect(short.data.length).toBe(2.5 * 16000 * 2 + 44)
    expect(short.duration_s).toBe(2.5)
  })

  it('sounds byte-identical for the same prompt and seed', async () => {
    const [first, second] = await Promise.all([sing('blaue Wale im Weltall', 11), sing('blaue Wale im Weltall', 11)])
    expect(first.data.equals(second.data)).toBe(true)
  })

  it('sounds different for different prompts', async () => {
    const [first, second] = [samplesOf((await sing('a red house by the sea')).data), samplesOf((await sing('a sad ghost in the night')).data)]
    let differing = 0
    for (let index = 0; index < first.length; index++) if (Math.abs(first[index]! - second[index]!) > 500) differing++
    expect(differing / first.length).toBeGreaterThan(0.3)
  })

  it('is audible but never reaches full scale', async () => {
    for (const prompt of ['a red house by the sea', 'a very very very long story about many small dancing robots and dragons', '']) {
      const samples = samplesOf((await sing(prompt)).data)
      let peak = 0
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample))
      expect(peak, prompt).toBeGreaterThan(8000)
      expect(peak, prompt).toBeLessThan(32000)
    }
  })

  it('starts and ends in silence, so playback never clicks', async () => {
    const samples = samplesOf((await sing('a cat queen')).data)
    expect(Math.abs(samples[0]!)).toBeLessThan(50)
    expect(Math.abs(samples.at(-1)!)).toBeLessThan(50)
  })

  it('reports progress and rejects when the run is cancelled', async () => {
    const reports: number[] = []
    await provider.generate({ prompt: 'a tree', seed: 1, perspective: makePerspective('renaissance'), output: audioOutput(), onProgress: ({ value, max }) => reports.push(value / max) })
    expect(reports.at(-1)).toBe(1)
    const cancelled = new AbortController()
    cancelled.abort()
    await expect(provider.generate({ prompt: 'a tree', seed: 1, perspective: makePerspective('renaissance'), output: audioOutput(), signal: cancelled.signal })).rejects.toThrow()
  })
})
