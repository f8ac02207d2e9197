/** How a style colours a drawing: fills for areas, a colour for lines, an optional outline. */
export interface Paint {
  fill: string
  line: string
  stroke?: string
  strokeWidth?: number
  /** Blueprints draw every line hair-thin; 1 keeps drawn lines as bold as designed. */
  lineScale?: number
  opacity?: number
}

/**
 * The paints a motif needs: its body, a second colour, light details (windows, eyes), dark ink,
 * wood and leaves for trees and stems, and the colours a rainbow may use in this style.
 */
export interface MotifPaint {
  body: Paint
  accent: Paint
  detail: Paint
  ink: Paint
  wood: Paint
  leaf: Paint
  spectrum: string[]
}

export const RAINBOW_COLOURS = ['#e8413c', '#f28c28', '#f7d23e', '#4cb050', '#3a86d8', '#7b52c7']

export const round = (value: number) => Math.round(value * 10) / 10

export function areaAttributes(paint: Paint): string {
  const outline = paint.stroke ? ` stroke="${paint.stroke}" stroke-width="${round(paint.strokeWidth ?? 2)}" stroke-linejoin="round"` : ''
  const opacity = paint.opacity !== undefined && paint.opacity < 1 ? ` opacity="${round(paint.opacity)}"` : ''
  return `fill="${paint.fill}"${outline}${opacity}`
}

export function lineAttributes(paint: Paint, width: number): string {
  const scaled = paint.lineScale !== undefined ? Math.max(1.5, width * paint.lineScale) : width
  return `fill="none" stroke="${paint.line}" stroke-width="${round(scaled)}" stroke-linecap="round" stroke-linejoin="round"`
}

export const solidPaint = (colour: string): Paint => ({ fill: colour, line: colour })
