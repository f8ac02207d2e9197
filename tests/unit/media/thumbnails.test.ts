import { describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import type { MediaType } from '#shared/schemas/common'
import { BuiltinAudioProvider } from '../../../media/audio/builtin/builtin-audio'
import { mediumOf } from '../../../media/server-registry'
import sharp from '../../../server/utils/media/sharp'
import type { GeneratedMedia } from '../../../server/utils/providers/types'

const perspective = Perspective.parse({
  id: 'tellastory', colour: '#e2342f', category: 'language', icon: '📖', minimum_age: 6, default_output: 'image',
  name: { de: 'Geschichte', en: 'Story' }, description: { de: 'Test', en: 'Test' }, instruction: { de: 'Test', en: 'Test' },
})

async function pngMedia(width: number, height: number): Promise<GeneratedMedia> {
  const data = await sharp({ create: { width, height, channels: 3, background: '#3a86d8' } }).png().toBuffer()
  return { data, mime: 'image/png', extension: 'png', width, height, duration_s: null }
}

/** Each medium draws its own thumbnail; the pipeline asks the output's medium. */
const makeThumbnail = (media: GeneratedMedia) => mediumOf(media.mime.split('/')[0] as MediaType).thumbnail(media)

describe('medium thumbnails', () => {
  it('shrinks a square picture to a 256 px WebP', async () => {
    const thumbnail = await makeThumbnail(await pngMedia(1024, 1024))
    const metadata = await sharp(thumbnail!.data).metadata()
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 256, 256])
    expect([thumbnail!.width, thumbnail!.height]).toEqual([256, 256])
  })

  it('keeps the aspect ratio of a wide picture', async () => {
    const thumbnail = await makeThumbnail(await pngMedia(1024, 512))
    const metadata = await sharp(thumbnail!.data).metadata()
    expect([metadata.width, metadata.height, thumbnail!.width, thumbnail!.height]).toEqual([256, 128, 256, 128])
  })

  it('never enlarges a picture smaller than a thumbnail', async () => {
    const thumbnail = await makeThumbnail(await pngMedia(200, 100))
    expect([thumbnail!.width, thumbnail!.height]).toEqual([200, 100])
  })

  it('draws a 256×128 waveform for a WAV the audio provider made', async () => {
    const output = OutputConfig.parse({ id: 'builtin_audio', name: { de: 'Klang', en: 'Sound' }, media_type: 'audio', provider: 'builtin_audio' })
    const audio = await new BuiltinAudioProvider().generate({ prompt: 'a cat queen', seed: 3, perspective, output })
    const thumbnail = await makeThumbnail(audio)
    const metadata = await sharp(thumbnail!.data).metadata()
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 256, 128])
    // The waveform is drawn in white over a coloured ground: a silent file would have no bright pixels.
    const { channels } = await sharp(thumbnail!.data).stats()
    expect(channels[1]!.max).toBeGreaterThan(230)
  })

  it('gives no thumbnail for audio or video it cannot read', async () => {
    const broken: GeneratedMedia = { data: Buffer.from('not a wav file'), mime: 'audio/wav', extension: 'wav', width: null, height: null, duration_s: 1 }
    const video: GeneratedMedia = { data: Buffer.alloc(16), mime: 'video/mp4', extension: 'mp4', width: 64, height: 64, duration_s: 1 }
    expect(await makeThumbnail(broken)).toBeNull()
    expect(await makeThumbnail(video)).toBeNull()
  })
})
