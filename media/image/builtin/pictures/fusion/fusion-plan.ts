/** Where one picture goes on the canvas, in pixels; `angle` in degrees tilts a collage print. */
export interface Tile {
  left: number
  top: number
  width: number
  height: number
  angle: number
}

export type FusionLayout = 'grid' | 'blend' | 'collage'

/**
 * How two or three pictures are laid together, decided before any pixel is touched so the same
 * seed always gives the same layout. `tiles[i]` is where picture i is shown (for a blend: the
 * area around the point where it is strongest).
 */
export interface FusionPlan {
  layout: FusionLayout
  width: number
  height: number
  tiles: Tile[]
}

/** A rectangle in 0..1 canvas units, turned into pixels. */
export function toPixels(unit: { left: number, top: number, width: number, height: number }, width: number, height: number, angle = 0): Tile {
  return {
    left: Math.round(unit.left * width),
    top: Math.round(unit.top * height),
    width: Math.max(1, Math.round(unit.width * width)),
    height: Math.max(1, Math.round(unit.height * height)),
    angle,
  }
}
