import { round } from '../draw/paint'
import type { PlainFigure } from './shape-families'

/** A plain figure filling the box (x, y, size); `turn` in quarter turns picks which way halves face. */
export function drawPlainFigure(figure: PlainFigure, x: number, y: number, size: number, turn: number, fill: string): string {
  const [cx, cy, half] = [x + size / 2, y + size / 2, size / 2]
  const rotation = `transform="rotate(${(turn % 4) * 90} ${round(cx)} ${round(cy)})"`
  switch (figure) {
    case 'circle':
      return `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(half)}" fill="${fill}"/>`
    case 'square':
      return `<rect x="${round(x)}" y="${round(y)}" width="${round(size)}" height="${round(size)}" fill="${fill}"/>`
    case 'triangle':
      return `<polygon points="${round(x)},${round(y + size)} ${round(cx)},${round(y)} ${round(x + size)},${round(y + size)}" fill="${fill}" ${rotation}/>`
    case 'half_circle':
      return `<path d="M${round(x)},${round(cy)}A${round(half)},${round(half)} 0 0,1 ${round(x + size)},${round(cy)}Z" fill="${fill}" ${rotation}/>`
    case 'quarter_circle':
      return `<path d="M${round(x)},${round(y + size)}L${round(x)},${round(y)}A${round(size)},${round(size)} 0 0,1 ${round(x + size)},${round(y + size)}Z" fill="${fill}" ${rotation}/>`
    case 'bar':
      return `<rect x="${round(x)}" y="${round(cy - size * 0.09)}" width="${round(size)}" height="${round(size * 0.18)}" fill="${fill}" ${rotation}/>`
  }
}
