import sharp from '../../../../../../server/utils/media/sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { fusionPlanFor, renderFromPictures } from '../../../../../../media/image/builtin/pictures'
import { fusionLayoutFor } from '../../../../../../media/image/builtin/pictures/fusion/fuse-pictures'
import type { Tile } from '../../../../../../media/image/builtin/pictures/fusion/fusion-plan'
import { SHIPPED_PERSPECTIVES, picture, pictureRun } from './perspectives'
import { asRendered, correlation, greySample, type Region } from './resemblance'
import { HOUSE, PATTERNS, SHAPES, STRIPES, jpeg, png } from './test-pictures'

let pictures: Buffer[]
let patterns: Buffer[]
beforeAll(async () => {
  pictures = await Promise.all([jpeg(HOUSE), jpeg(SHAPES), png(STRIPES)])
  patterns = await Promise.all(PATTERNS.map(body => jpeg(body)))
})

/** The middle of a tile: clear of the gutters, the prints' white borders, overlaps and tilt. */
function middleOf(tile: Tile, fraction: number): Region {
  const width = Math.round(tile.width * fraction), height = Math.round(tile.height * fraction)
  return { left: tile.left + Math.round((tile.width - width) / 2), top: tile.top + Math.round((tile.height - height) / 2), width, height }
}

/**
 * Each input against the output in the place the plan put it: the brightness correlation there
 * with its own picture and with the others. `framed` pictures sit inside a print's border.
 */
async function placedCorrelations(perspectiveId: string, count: 2 | 3, seed: number) {
  // A blend holds every picture everywhere: only patterns with contrast in every area compare fairly.
  const inputs = fusionLayoutFor({ id: perspectiveId }) === 'blend' ? patterns : pictures
  const run = pictureRun(inputs.slice(0, count).map(data => picture(data)), perspectiveId, { seed })
  const plan = fusionPlanFor(run)
  const output = (await renderFromPictures(run)).data
  return Promise.all(plan.tiles.map(async (tile, index) => {
    const region = middleOf(tile, plan.layout === 'collage' ? 0.45 : 0.8)
    const seen = await greySample(output, 16, region)
    const border = plan.layout === 'collage' ? Math.max(2, Math.round(Math.min(plan.width, plan.height) * 0.014)) : 0
    const placed = async (data: Buffer) => {
      // The picture as laid on the canvas: the whole canvas for a blend, the tile for grid and collage.
      const box = plan.layout === 'blend' ? { width: plan.width, height: plan.height } : { width: tile.width - 2 * border, height: tile.height - 2 * border }
      const rendered = await asRendered(data, box.width, box.height)
      const at = plan.layout === 'blend' ? region : { ...region, left: region.left - tile.left - border, top: region.top - tile.top - border }
      return greySample(rendered, 16, at)
    }
    const sources = await Promise.all(inputs.slice(0, count).map(placed))
    const own = correlation(seen, sources[index]!)
    const others = sources.filter((_, other) => other !== index).map(source => correlation(seen, source))
    return { own, others, layout: plan.layout }
  }))
}

describe('renderFromPictures with two or three pictures (fusion)', () => {
  it('chooses the layout by the perspective\'s manner', () => {
    expect(fusionLayoutFor({ id: 'bauhaus' })).toBe('grid')
    expect(fusionLayoutFor({ id: 'renaissance' })).toBe('grid')
    expect(fusionLayoutFor({ id: 'analog_photography_1870s' })).toBe('blend')
    expect(fusionLayoutFor({ id: 'cooked_negatives' })).toBe('blend')
    expect(fusionLayoutFor({ id: 'mad_world' })).toBe('collage')
    expect(fusionLayoutFor({ id: 'bauhaus_kids' })).toBe('grid')
  })

  for (const [perspectiveId, layout] of [['digital_photography', 'grid'], ['bauhaus', 'grid'], ['analog_photography_1970s', 'blend'], ['theopposite', 'collage']] as const) {
    for (const count of [2, 3] as const) {
      it(`shows each of ${count} pictures where the ${layout} puts it (${perspectiveId})`, async () => {
        for (const seed of [3, 11]) {
          const placed = await placedCorrelations(perspectiveId, count, seed)
          placed.forEach(({ own, others, layout: planned }, index) => {
            const message = `${perspectiveId} seed ${seed} picture ${index + 1}: own ${own.toFixed(2)}, others ${others.map(value => value.toFixed(2)).join(' ')}`
            expect(planned).toBe(layout)
            expect(own, message).toBeGreaterThan(0.5)
            for (const other of others) expect(own, message).toBeGreaterThan(other + 0.2)
          })
        }
      }, 30_000)
    }
  }

  it('gives byte-identical fusions for the same pictures and seed, another layout for another seed', async () => {
    const run = (seed: number) => pictureRun(pictures.map(data => picture(data)), 'clichefilter', { seed })
    const [first, second] = await Promise.all([renderFromPictures(run(5)), renderFromPictures(run(5))])
    expect(first.data.equals(second.data)).toBe(true)
    const plans = [1, 2, 3, 4].map(seed => JSON.stringify(fusionPlanFor(run(seed)).tiles))
    expect(new Set(plans).size).toBeGreaterThan(1)
  })

  it('fuses three pictures into the smallest output (64 px) for every shipped perspective', async () => {
    for (const { id } of SHIPPED_PERSPECTIVES) {
      const media = await renderFromPictures(pictureRun(pictures.map(data => picture(data)), id, { width: 64, height: 96 }))
      const metadata = await sharp(media.data).metadata()
      expect([metadata.width, metadata.height], id).toEqual([64, 96])
    }
  })

  it('lays portrait canvases out top to bottom and fills them', async () => {
    const run = pictureRun(pictures.slice(0, 2).map(data => picture(data)), 'renaissance', { width: 256, height: 448 })
    const plan = fusionPlanFor(run)
    expect(plan.tiles[0]!.width).toBe(256)
    expect(plan.tiles[1]!.top).toBeGreaterThan(plan.tiles[0]!.top + plan.tiles[0]!.height - 1)
    const metadata = await sharp((await renderFromPictures(run)).data).metadata()
    expect([metadata.width, metadata.height]).toEqual([256, 448])
  })
})
