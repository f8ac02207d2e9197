import { blankRaster, decodePicture, type Raster } from '../raster'
import { toPixels, type FusionPlan } from './fusion-plan'

type Unit = { left: number, top: number, width: number, height: number }

/**
 * Panels side by side with a gutter: two split at a seeded ratio, three as a triptych (wider
 * middle) or one large beside two stacked. Across the longer side of the canvas.
 */
export function planGrid(count: number, width: number, height: number, rand: () => number): FusionPlan {
  const gutter = 0.018
  let units: Unit[]
  if (count === 2) {
    const split = 0.42 + rand() * 0.16
    units = [{ left: 0, top: 0, width: split - gutter / 2, height: 1 }, { left: split + gutter / 2, top: 0, width: 1 - split - gutter / 2, height: 1 }]
  }
  else if (rand() < 0.5) {
    const middle = 0.36 + rand() * 0.1, side = (1 - middle) / 2
    units = [
      { left: 0, top: 0, width: side - gutter / 2, height: 1 },
      { left: side + gutter / 2, top: 0, width: middle - gutter, height: 1 },
      { left: side + middle + gutter / 2, top: 0, width: side - gutter / 2, height: 1 },
    ]
  }
  else {
    const big = 0.5 + rand() * 0.12
    const bigFirst = rand() < 0.5
    const bigLeft = bigFirst ? 0 : 1 - big + gutter / 2
    const smallLeft = bigFirst ? big + gutter / 2 : 0
    const smallWidth = 1 - big - gutter / 2
    units = [
      { left: bigLeft, top: 0, width: big - gutter / 2, height: 1 },
      { left: smallLeft, top: 0, width: smallWidth, height: 0.5 - gutter / 2 },
      { left: smallLeft, top: 0.5 + gutter / 2, width: smallWidth, height: 0.5 - gutter / 2 },
    ]
  }
  // Portrait canvases stack the panels instead: the same plan with the axes swapped.
  const portrait = height > width
  const tiles = units.map(unit => portrait
    ? toPixels({ left: unit.top, top: unit.left, width: unit.height, height: unit.width }, width, height)
    : toPixels(unit, width, height))
  return { layout: 'grid', width, height, tiles }
}

export async function composeGrid(plan: FusionPlan, pictures: readonly Buffer[]): Promise<Raster> {
  const canvas = blankRaster(plan.width, plan.height, { r: 250, g: 249, b: 245 })
  const panels = await Promise.all(plan.tiles.map((tile, index) => decodePicture(pictures[index]!, tile.width, tile.height)))
  panels.forEach((panel, index) => paste(canvas, panel, plan.tiles[index]!.left, plan.tiles[index]!.top))
  return canvas
}

function paste(canvas: Raster, panel: Raster, left: number, top: number): void {
  for (let y = 0; y < panel.height && top + y < canvas.height; y++) {
    const rowWidth = Math.min(panel.width, canvas.width - left)
    panel.pixels.copy(canvas.pixels, ((top + y) * canvas.width + left) * 3, y * panel.width * 3, (y * panel.width + rowWidth) * 3)
  }
}
