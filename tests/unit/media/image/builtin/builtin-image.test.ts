import sharp from '../../../../../server/utils/media/sharp'
import { describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import { BuiltinImageProvider } from '../../../../../media/image/builtin/builtin-image'

function makePerspective(id: string, colour = '#7a5cff'): Perspective {
  return Perspective.parse({
    id, colour, category: 'art_history', icon: '🎨', minimum_age: 6, default_output: 'image',
    name: { de: id, en: id }, description: { de: 'Test', en: 'Test' }, instruction: { de: 'Test', en: 'Test' },
  })
}

const imageOutput = (parameters: OutputConfig['parameters'] = {}) =>
  OutputConfig.parse({ id: 'builtin_image', name: { de: 'Bild', en: 'Picture' }, media_type: 'image', provider: 'builtin_image', parameters })

const provider = new BuiltinImageProvider()
const draw = (prompt: string, perspectiveId = 'hunkydoryharmonizer', seed = 7, parameters = {}) =>
  provider.generate({ prompt, seed, perspective: makePerspective(perspectiveId), output: imageOutput(parameters) })

/** 32×32 RGB pixels: enough to compare pictures by what they show, not by compression noise. */
async function smallPixels(png: Buffer): Promise<Buffer> {
  return sharp(png).resize(32, 32, { fit: 'fill' }).removeAlpha().raw().toBuffer()
}

function meanDifference(a: Buffer, b: Buffer): number {
  let total = 0
  for (let index = 0; index < a.length; index++) total += Math.abs(a[index]! - b[index]!)
  return total / a.length
}

async function channelMeans(png: Buffer): Promise<{ red: number, blue: number }> {
  const { channels } = await sharp(png).stats()
  return { red: channels[0]!.mean, blue: channels[2]!.mean }
}

describe('BuiltinImageProvider', () => {
  it('names itself and the media it makes', () => {
    expect([provider.id, provider.model, provider.mediaType]).toEqual(['builtin_image', 'procedural-v1', 'image'])
  })

  it('paints a 1024×1024 PNG by default', async () => {
    const media = await draw('a red house by the sea')
    const metadata = await sharp(media.data).metadata()
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 1024, 1024])
    expect(media).toMatchObject({ mime: 'image/png', extension: 'png', width: 1024, height: 1024, duration_s: null })
  })

  it('follows the width and height of the output config', async () => {
    const media = await draw('a kite in the wind', 'bauhaus', 3, { width: 640, height: 384 })
    const metadata = await sharp(media.data).metadata()
    expect([metadata.width, metadata.height, media.width, media.height]).toEqual([640, 384, 640, 384])
  })

  it('paints byte-identical pictures for the same prompt and seed', async () => {
    for (const perspective of ['hunkydoryharmonizer', 'bauhaus', 'technicaldrawing', 'analog_photography_1870s', 'renaissance', 'p5js_simplifier', 'mad_world']) {
      const [first, second] = await Promise.all([draw('a cat queen with wings', perspective, 99), draw('a cat queen with wings', perspective, 99)])
      expect(first.data.equals(second.data), perspective).toBe(true)
    }
  })

  it('paints visibly different pictures for different prompts', async () => {
    const pairs = [['a red house by the sea', 'blaue Wale im Weltall'], ['a dragon in the night', 'sunflowers on a meadow']]
    for (const [first, second] of pairs) {
      const difference = meanDifference(await smallPixels((await draw(first!)).data), await smallPixels((await draw(second!)).data))
      expect(difference, `${first} vs ${second}`).toBeGreaterThan(40)
    }
  })

  it('gives each style family its own look for the same idea', async () => {
    const families = ['hunkydoryharmonizer', 'bauhaus', 'technicaldrawing', 'analog_photography_1870s', 'renaissance', 'p5js_simplifier', 'mad_world']
    const pictures = await Promise.all(families.map(async id => smallPixels((await draw('a cat queen', id)).data)))
    for (let a = 0; a < pictures.length; a++) {
      for (let b = a + 1; b < pictures.length; b++) expect(meanDifference(pictures[a]!, pictures[b]!), `${families[a]} vs ${families[b]}`).toBeGreaterThan(25)
    }
  })

  it('pulls the palette towards the colours the prompt names, in English and German', async () => {
    for (const [red, blue] of [['a red balloon', 'a blue balloon'], ['ein roter Ballon', 'ein blauer Ballon']]) {
      const [redMeans, blueMeans] = [await channelMeans((await draw(red!)).data), await channelMeans((await draw(blue!)).data)]
      expect(redMeans.red - redMeans.blue, red).toBeGreaterThan(blueMeans.red - blueMeans.blue)
      expect(redMeans.red, red).toBeGreaterThan(blueMeans.red)
    }
  })

  it('draws a blueprint on blue paper for the technical drawing perspective', async () => {
    const { red, blue } = await channelMeans((await draw('ein Fahrrad mit Flügeln', 'technicaldrawing')).data)
    expect(blue).toBeGreaterThan(red + 40)
  })

  it('reports progress up to its maximum', async () => {
    const reports: Array<{ value: number, max: number }> = []
    await provider.generate({ prompt: 'a tree', seed: 1, perspective: makePerspective('bauhaus'), output: imageOutput(), onProgress: progress => reports.push(progress) })
    expect(reports.length).toBeGreaterThanOrEqual(2)
    expect(reports.at(-1)!.value).toBe(reports.at(-1)!.max)
  })

  it('rejects when the run is cancelled, before or during drawing', async () => {
    const cancelled = new AbortController()
    cancelled.abort()
    await expect(provider.generate({ prompt: 'a tree', seed: 1, perspective: makePerspective('bauhaus'), output: imageOutput(), signal: cancelled.signal })).rejects.toThrow()
    const midway = new AbortController()
    const pending = provider.generate({ prompt: 'a tree', seed: 1, perspective: makePerspective('bauhaus'), output: imageOutput(), signal: midway.signal, onProgress: () => midway.abort() })
    await expect(pending).rejects.toThrow()
  })

  it('still paints something for empty and stop-word-only prompts', async () => {
    for (const prompt of ['', 'the and of', '!!!']) {
      const metadata = await sharp((await draw(prompt)).data).metadata()
      expect(metadata.width, JSON.stringify(prompt)).toBe(1024)
    }
  })
})
