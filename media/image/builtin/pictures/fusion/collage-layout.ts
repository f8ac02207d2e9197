import sharp from '../../../../../server/utils/media/sharp'
import { type Raster, toRaster } from '../raster'
import { toPixels, type FusionPlan } from './fusion-plan'

const BOARD = '#e6dfd0'
/** Slots (centre, size) in canvas units; the seed nudges and tilts each print. */
const SLOTS: Record<number, Array<{ x: number, y: number, size: number }>> = {
  2: [{ x: 0.29, y: 0.42, size: 0.5 }, { x: 0.71, y: 0.58, size: 0.5 }],
  3: [{ x: 0.28, y: 0.27, size: 0.46 }, { x: 0.72, y: 0.36, size: 0.46 }, { x: 0.44, y: 0.74, size: 0.46 }],
}

/** Prints with white borders pinned on a board, slightly askew and overlapping at their edges. */
export function planCollage(count: number, width: number, height: number, rand: () => number): FusionPlan {
  const tiles = SLOTS[count]!.map((slot) => {
    const x = slot.x + (rand() - 0.5) * 0.05, y = slot.y + (rand() - 0.5) * 0.05
    const tileHeight = count === 2 ? 0.62 : slot.size
    return toPixels({ left: x - slot.size / 2, top: y - tileHeight / 2, width: slot.size, height: tileHeight }, width, height, (rand() - 0.5) * 12)
  })
  return { layout: 'collage', width, height, tiles }
}

export async function composeCollage(plan: FusionPlan, pictures: readonly Buffer[]): Promise<Raster> {
  const border = Math.max(2, Math.round(Math.min(plan.width, plan.height) * 0.014))
  const prints = await Promise.all(plan.tiles.map(async (tile, index) => {
    const framed = await sharp(pictures[index]!).rotate().flatten({ background: '#ffffff' })
      .resize(tile.width - 2 * border, tile.height - 2 * border, { fit: 'cover' })
      .extend({ top: border, bottom: border, left: border, right: border, background: '#ffffff' })
      .png().toBuffer()
    const { data, info } = await sharp(framed).rotate(tile.angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer({ resolveWithObject: true })
    // Rotation grows the print's box; keep it centred where planned and inside the board.
    const left = clamp(Math.round(tile.left + tile.width / 2 - info.width / 2), plan.width - info.width)
    const top = clamp(Math.round(tile.top + tile.height / 2 - info.height / 2), plan.height - info.height)
    return { input: data, left, top }
  }))
  const board = sharp({ create: { width: plan.width, height: plan.height, channels: 3, background: BOARD } })
  return toRaster(board.composite(prints))
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(Math.max(0, max), value))
