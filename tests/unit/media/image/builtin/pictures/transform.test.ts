import sharp from '../../../../../../server/utils/media/sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderFromPictures } from '../../../../../../media/image/builtin/pictures'
import { treatmentFor } from '../../../../../../media/image/builtin/pictures/treatments/treatment-for'
import { SHIPPED_PERSPECTIVES, picture, pictureRun } from './perspectives'
import { asRendered, correlation, edgeSample, greySample, meanColour } from './resemblance'
import { HOUSE, SHAPES, jpeg, png, transparentPng } from './test-pictures'

/**
 * Resemblance thresholds, from measurements of every shipped perspective on the test pictures
 * (the values are printed by the failing assertion's message):
 * - an unrelated picture of the same kind (sky above, ground below) reaches at most ~0.33 in the
 *   32×32 brightness correlation, so 0.5 says "this picture", not "some landscape"; the treatments
 *   measure 0.6 (1870s plate: vignette and grain) to 1.0 (digital photo).
 * - the blueprint keeps no brightness, only lines: its edges correlate 0.45–0.65 with the input's
 *   edges against ≤ 0.2 for an unrelated picture's edges, so 0.35.
 */
const SAME_PICTURE = 0.5
const SAME_EDGES = 0.35
const DRAWN_AS_LINES = new Set(['technicaldrawing'])

let house: Buffer
let shapes: Buffer
beforeAll(async () => {
  [house, shapes] = await Promise.all([jpeg(HOUSE), jpeg(SHAPES)])
})

const render = async (data: Buffer, perspectiveId: string, options: Parameters<typeof pictureRun>[2] = {}) =>
  (await renderFromPictures(pictureRun([picture(data)], perspectiveId, options))).data

describe('renderFromPictures with one picture (transformation)', () => {
  it('gives byte-identical pictures for the same picture, idea and seed', async () => {
    for (const id of ['analog_photography_1870s', 'bauhaus', 'cooked_negatives', 'mad_world', 'confucianliterati']) {
      const [first, second] = await Promise.all([render(house, id, { seed: 99, prompt: 'a blue house' }), render(house, id, { seed: 99, prompt: 'a blue house' })])
      expect(first.equals(second), id).toBe(true)
    }
  })

  it('lets the seed change the grain, the blotches and the blocks, not the picture', async () => {
    for (const id of ['analog_photography_1870s', 'cooked_negatives', 'bauhaus']) {
      const outputs = await Promise.all([1, 2, 3].map(seed => render(house, id, { seed })))
      expect(new Set(outputs.map(output => output.toString('base64'))).size, id).toBeGreaterThan(1)
      expect(correlation(await greySample(outputs[0]!), await greySample(outputs[2]!)), id).toBeGreaterThan(0.8)
    }
  })

  it('keeps every shipped perspective\'s output recognisably the student\'s picture', async () => {
    const expected = await asRendered(house, 256, 256)
    const unrelated = await asRendered(shapes, 256, 256)
    const [ownGrey, otherGrey, ownEdges, otherEdges] = await Promise.all([greySample(expected), greySample(unrelated), edgeSample(expected), edgeSample(unrelated)])
    for (const { id } of SHIPPED_PERSPECTIVES) {
      const output = await render(house, id)
      if (DRAWN_AS_LINES.has(id)) {
        const edges = await edgeSample(output)
        const [own, other] = [correlation(edges, ownEdges), correlation(edges, otherEdges)]
        expect(own, `${id}: edges ${own.toFixed(2)}, unrelated ${other.toFixed(2)}`).toBeGreaterThan(SAME_EDGES)
        expect(own - other, id).toBeGreaterThan(0.2)
      }
      else {
        const grey = await greySample(output)
        const [own, other] = [correlation(grey, ownGrey), correlation(grey, otherGrey)]
        expect(own, `${id}: brightness ${own.toFixed(2)}, unrelated ${other.toFixed(2)}`).toBeGreaterThan(SAME_PICTURE)
        expect(own - other, id).toBeGreaterThan(0.2)
      }
    }
  }, 60_000)

  it('gives each perspective its own look: Bauhaus primaries, a brown 1870s plate, a blue blueprint', async () => {
    const [bauhaus, plate, blueprint, digital] = await Promise.all([
      render(shapes, 'bauhaus'), render(shapes, 'analog_photography_1870s'), render(shapes, 'technicaldrawing'), render(shapes, 'digital_photography')])
    const distance = (a: number[], b: number[]) => Math.hypot(...a.map((value, index) => value - b[index]!))
    const [bauhausMean, plateMean, blueprintMean, digitalMean] = await Promise.all([meanColour(bauhaus), meanColour(plate), meanColour(blueprint), meanColour(digital)])
    expect(distance(bauhausMean, plateMean)).toBeGreaterThan(25)
    expect(distance(blueprintMean, digitalMean)).toBeGreaterThan(40)
    // Sepia: red over green over blue, everywhere; the blueprint is blue paper.
    expect(plateMean[0]).toBeGreaterThan(plateMean[1]!)
    expect(plateMean[1]).toBeGreaterThan(plateMean[2]!)
    expect(blueprintMean[2]).toBeGreaterThan(blueprintMean[0]! + 50)
    expect(await distinctColours(bauhaus)).toBeLessThanOrEqual(8)
  })

  it('makes different pictures for the perspectives with a treatment of their own', async () => {
    const ids = ['analog_photography_1870s', 'analog_photography_1970s', 'analogue_copy', 'bauhaus', 'confucianliterati', 'cooked_negatives',
      'digital_photography', 'mad_world', 'overdrive', 'p5js_simplifier', 'renaissance', 'sensitive', 'technicaldrawing', 'theopposite', 'clichefilter']
    const samples = await Promise.all(ids.map(async id => sharp(await render(house, id)).resize(32, 32).raw().toBuffer()))
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const difference = samples[a]!.reduce((sum, value, index) => sum + Math.abs(value - samples[b]![index]!), 0) / samples[a]!.length
        expect(difference, `${ids[a]} vs ${ids[b]}`).toBeGreaterThan(8)
      }
    }
  })

  it('gives a leader\'s own perspective the treatment of its style family', () => {
    expect(treatmentFor({ id: 'bauhaus_kids' })).toBe(treatmentFor({ id: 'bauhaus' }))
    expect(treatmentFor({ id: 'blueprint_3d' })).toBe(treatmentFor({ id: 'technicaldrawing' }))
    expect(treatmentFor({ id: 'daguerreotype' })).toBe(treatmentFor({ id: 'analog_photography_1870s' }))
  })

  it('follows the idea: a named colour tones the plate, night darkens, sun lightens', async () => {
    const plateMean = (prompt: string) => render(house, 'analog_photography_1870s', { prompt }).then(meanColour)
    const [plain, blue, night, sun] = await Promise.all([plateMean('a house'), plateMean('a blue house'), plateMean('a house at night'), plateMean('a house in the sun')])
    expect(blue[2]! - blue[0]!).toBeGreaterThan(plain[2]! - plain[0]! + 10)
    expect(night[1]).toBeLessThan(plain[1]! - 10)
    expect(sun[1]).toBeGreaterThan(plain[1]! + 5)
    const paperMean = (prompt: string) => render(house, 'technicaldrawing', { prompt }).then(meanColour)
    const [plainPaper, redPaper] = await Promise.all([paperMean('a house'), paperMean('a red house')])
    expect(redPaper[0]).toBeGreaterThan(plainPaper[0]! + 30)
  })

  it('fills the output size whatever the picture\'s shape: portrait, tiny, larger than the working size', async () => {
    for (const [width, height] of [[384, 640], [64, 64], [2048, 1024]] as const) {
      const media = await renderFromPictures(pictureRun([picture(house)], 'renaissance', { width, height }))
      const metadata = await sharp(media.data).metadata()
      expect([metadata.format, metadata.width, metadata.height, media.width, media.height]).toEqual(['png', width, height, width, height])
    }
    const portrait = await render(await jpeg(HOUSE, 300, 900), 'analog_photography_1970s', { width: 300, height: 500 })
    const expected = await asRendered(await jpeg(HOUSE, 300, 900), 300, 500)
    expect(correlation(await greySample(portrait), await greySample(expected))).toBeGreaterThan(SAME_PICTURE)
  })

  it('lays a PNG\'s transparency on white and keeps its shapes', async () => {
    const transparent = await transparentPng()
    const output = await renderFromPictures(pictureRun([picture(transparent, 'image/png')], 'digital_photography', { width: 128, height: 128 }))
    const metadata = await sharp(output.data).metadata()
    expect([metadata.width, metadata.height, metadata.hasAlpha]).toEqual([128, 128, false])
    const expected = await asRendered(transparent, 128, 128)
    expect(correlation(await greySample(output.data), await greySample(expected))).toBeGreaterThan(0.9)
    const corner = await sharp(output.data).extract({ left: 0, top: 120, width: 8, height: 8 }).raw().toBuffer()
    expect(Math.min(...corner)).toBeGreaterThan(245)
  })

  it('refuses a run without pictures and stops when the run is cancelled', async () => {
    await expect(renderFromPictures(pictureRun([], 'bauhaus'))).rejects.toThrow(/at least one picture/)
    const cancelled = AbortSignal.abort()
    await expect(renderFromPictures({ ...pictureRun([picture(house)], 'bauhaus'), signal: cancelled })).rejects.toThrow()
  })

  it('reads PNG as well as JPEG', async () => {
    const output = await render(await png(SHAPES), 'overdrive')
    expect(correlation(await greySample(output), await greySample(await asRendered(shapes, 256, 256)))).toBeGreaterThan(SAME_PICTURE)
  })
})

async function distinctColours(picture: Buffer): Promise<number> {
  const pixels = await sharp(picture).raw().toBuffer()
  const seen = new Set<number>()
  for (let index = 0; index < pixels.length; index += 3) seen.add((pixels[index]! << 16) | (pixels[index + 1]! << 8) | pixels[index + 2]!)
  return seen.size
}
