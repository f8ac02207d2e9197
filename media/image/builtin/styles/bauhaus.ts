import { mix, parseHex, type Rgb, toHex } from '../colour'
import { round } from '../draw/paint'
import { fullRect, svgDocument, textureOverlay } from '../render-svg'
import { drawPlainFigure } from './plain-figures'
import { plainFigureOf } from './shape-families'
import type { ImageStyle, Scene } from './style'

const PRIMARIES = ['#d7261e', '#f4c20d', '#1b4f9c', '#161616'].map(parseHex)
const PAPER = parseHex('#efe6d2')

const distance = (a: Rgb, b: Rgb) => Math.hypot(a.r - b.r, a.g - b.g, a.b - b.b)

/** Bauhaus keeps to primaries; a colour the child named joins them. */
function nearestAllowed(colour: Rgb, named: Rgb[]): string {
  const allowed = [...named, ...PRIMARIES]
  return toHex(allowed.reduce((best, option) => distance(option, colour) < distance(best, colour) ? option : best))
}

function structure(scene: Scene, cell: number, columns: number, rows: number): string {
  const { width, height, rand } = scene
  let lines = ''
  for (let column = 1; column < columns; column++) lines += `<line x1="${round(column * cell)}" y1="0" x2="${round(column * cell)}" y2="${height}" stroke="#161616" stroke-opacity="0.12" stroke-width="2"/>`
  for (let row = 1; row < rows; row++) lines += `<line x1="0" y1="${round(row * cell)}" x2="${width}" y2="${round(row * cell)}" stroke="#161616" stroke-opacity="0.12" stroke-width="2"/>`
  const bars = [0, 1, 2].map((index) => {
    const thickness = cell * (0.06 + rand() * 0.08)
    return index % 2 === 0
      ? `<rect x="0" y="${round(Math.floor(rand() * rows + 1) * cell - thickness / 2)}" width="${width}" height="${round(thickness)}" fill="#161616"/>`
      : `<rect x="${round(Math.floor(rand() * columns + 1) * cell - thickness / 2)}" y="0" width="${round(thickness)}" height="${height}" fill="#161616"/>`
  }).join('')
  return lines + bars
}

/** Small figures between the big ones give the picture its rhythm. */
function accents(scene: Scene, cell: number, columns: number, rows: number): string {
  const { rand } = scene
  const figures = ['circle', 'half_circle', 'quarter_circle', 'bar', 'square'] as const
  return Array.from({ length: 4 + Math.floor(rand() * 4) }, () => {
    const size = cell * (rand() < 0.5 ? 0.5 : 1)
    const [x, y] = [Math.floor(rand() * columns * 2) * cell / 2, Math.floor(rand() * rows * 2) * cell / 2]
    return drawPlainFigure(figures[Math.floor(rand() * figures.length)]!, x, y, size, Math.floor(rand() * 4), toHex(PRIMARIES[Math.floor(rand() * 4)]!))
  }).join('')
}

export const bauhausStyle: ImageStyle = {
  textures: ['paper'],
  compose(scene) {
    const { width, height, rand, palette, elements } = scene
    const columns = 5 + Math.floor(rand() * 2)
    const cell = width / columns
    const rows = Math.ceil(height / cell)
    const background = fullRect(width, height, `fill="${toHex(mix(PAPER, palette.tint, 0.06))}"`)
    const field = drawPlainFigure('circle', Math.floor(rand() * (columns - 3)) * cell, Math.floor(rand() * (rows - 3)) * cell, cell * 3, 0, toHex(mix(PRIMARIES[Math.floor(rand() * 3)]!, PAPER, 0.6)))
    const figures = elements.map((element, index) => {
      const span = element.hero ? 2 : element.size > 0.12 ? 1 : 0.5
      const column = Math.min(columns - span, Math.max(0, Math.round(element.x * columns * 2 - span) / 2))
      const row = Math.min(rows - span, Math.max(0, Math.round(element.y * rows * 2 - span) / 2))
      const figure = drawPlainFigure(plainFigureOf(element), column * cell, row * cell, span * cell, element.detailSeed + index, nearestAllowed(element.colour, palette.named))
      // A small dark circle on the hero: the classic Bauhaus counterpoint.
      const dot = element.hero ? drawPlainFigure('circle', (column + span - 0.6) * cell, (row + 0.1) * cell, cell * 0.4, 0, '#161616') : ''
      return figure + dot
    }).join('')
    const paper = scene.textures.paper ? textureOverlay(scene.textures.paper, width, height, 'multiply', 0.18) : ''
    return svgDocument(width, height, '', background + field + structure(scene, cell, columns, rows) + accents(scene, cell, columns, rows) + figures + paper)
  },
}
