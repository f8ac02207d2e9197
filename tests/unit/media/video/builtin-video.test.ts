import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import { BuiltinVideoProvider } from '../../../../media/video/builtin/builtin-video'
import { childBoxes, readMp4 } from '../../../../media/video/mp4-boxes'
import { video } from '../../../../media/video/server'
import sharp from '../../../../server/utils/media/sharp'

const perspective = Perspective.parse({
  id: 'bauhaus', colour: '#e2342f', category: 'art_history', icon: '🟥', minimum_age: 6, default_output: 'video',
  name: { de: 'Bauhaus', en: 'Bauhaus' }, description: { de: 'Test', en: 'Test' }, instruction: { de: 'Test', en: 'Test' },
})
// Small and short: the tests check the file, not the film.
const output = OutputConfig.parse({
  id: 'video_builtin', name: { de: 'Video', en: 'Video' }, media_type: 'video', provider: 'builtin_video',
  parameters: { width: 160, height: 120, duration_s: 1, fps: 8 },
})
const provider = new BuiltinVideoProvider()
const tempFolders = () => readdirSync(tmpdir()).filter(name => name.startsWith('ai4artsed-video-')).length

describe('BuiltinVideoProvider', () => {
  it('encodes an MP4 that iPad Safari plays: H.264 in avc1, the index before the data, as long as asked', async () => {
    const before = tempFolders()
    const media = await provider.generate({ prompt: 'a red kite flies over the sea', seed: 7, perspective, output })
    expect(media).toMatchObject({ mime: 'video/mp4', extension: 'mp4', width: 160, height: 120, duration_s: 1 })
    const facts = readMp4(media.data)!
    expect(facts.topLevel.slice(0, 2)).toEqual(['ftyp', 'moov'])
    expect(facts.topLevel.indexOf('moov')).toBeLessThan(facts.topLevel.indexOf('mdat'))
    expect(facts).toMatchObject({ codec: 'avc1', width: 160, height: 120, fps: 8, duration_s: 1 })
    // avcC's profile byte: 77 = Main, which every iPad decodes in hardware.
    const avcC = media.data.indexOf('avcC', 0, 'latin1')
    expect(media.data[avcC + 5]).toBe(77)
    expect(tempFolders()).toBe(before)
  })

  it('is byte-identical for the same prompt and seed, and differs for another idea', async () => {
    const [first, again, other] = await Promise.all([
      provider.generate({ prompt: 'a blue whale', seed: 3, perspective, output }),
      provider.generate({ prompt: 'a blue whale', seed: 3, perspective, output }),
      provider.generate({ prompt: 'a yellow sun over a green hill', seed: 3, perspective, output }),
    ])
    expect(first.data.equals(again.data)).toBe(true)
    expect(first.data.equals(other.data)).toBe(false)
  })

  it('moves: the poster and sampled frames come from the real file, and not all frames look alike', async () => {
    const media = await provider.generate({ prompt: 'a kite flies in the sky', seed: 5, perspective, output })
    const poster = await video.thumbnail(media)
    expect(await sharp(poster!.data).metadata()).toMatchObject({ format: 'webp', width: 160, height: 120 })
    const frames = await video.picturesToCheck!({ data: media.data, thumbnail: async () => poster!.data }, undefined)
    expect(frames.length).toBe(7)
    const raw = await Promise.all(frames.slice(0, 6).map(frame => sharp(frame).raw().toBuffer()))
    expect(raw.some(frame => !frame.equals(raw[0]!))).toBe(true)
    expect(await video.probe(media)).toEqual({ width: 160, height: 120, duration_s: 1, details: { fps: 8, codec: 'avc1', container: 'mp4' } })
  })

  it('stops encoding when the run is cancelled and leaves no files behind', async () => {
    const before = tempFolders()
    const controller = new AbortController()
    const running = provider.generate({ prompt: 'a slow snail', seed: 1, perspective, output, signal: controller.signal, onProgress: () => controller.abort(new Error('cancelled')) })
    await expect(running).rejects.toThrow('cancelled')
    expect(tempFolders()).toBe(before)
    expect(childBoxes(Buffer.alloc(0))).toEqual([])
  })
})
