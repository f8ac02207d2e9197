import type { ShapeKind } from '../composition'
import { blobPoints, type Frame, pointList, polar, rotate, smoothClosedPath, starPoints, wavePath } from './geometry'
import { areaAttributes, lineAttributes, type Paint, round } from './paint'

/** The abstract shapes words become when they name nothing the picture knows how to draw. */
export function drawShape(kind: ShapeKind, frame: Frame, paint: Paint, rand: () => number): string {
  const { cx, cy, r, rotation } = frame
  const area = areaAttributes(paint)
  switch (kind) {
    case 'circle':
      return `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r)}" ${area}/>`
    case 'rectangle': {
      const aspect = 0.6 + rand() * 0.9
      const [w, h] = [r * 2 * Math.sqrt(aspect), r * 2 / Math.sqrt(aspect)]
      return rotate(`<rect x="${round(cx - w / 2)}" y="${round(cy - h / 2)}" width="${round(w)}" height="${round(h)}" rx="${round(r * 0.14)}" ${area}/>`, rotation, cx, cy)
    }
    case 'triangle':
      return `<polygon points="${pointList([0, 120, 240].map(angle => polar(cx, cy + r * 0.15, r * 1.15, angle + rotation * 0.4)))}" ${area}/>`
    case 'star':
      return `<polygon points="${pointList(starPoints(cx, cy, r, r * 0.46, 5 + Math.floor(rand() * 3), rotation))}" ${area}/>`
    case 'blob':
      return `<path d="${smoothClosedPath(blobPoints(cx, cy, r, r * (0.75 + rand() * 0.3), rand, 8, 0.2))}" ${area}/>`
    case 'wave': {
      const lines = [0, 1, 2].map(row => `<path d="${wavePath(cx - r * 1.3, cx + r * 1.3, cy + (row - 1) * r * 0.42, r * 0.22, r * 0.9, row * 0.8)}" ${lineAttributes(paint, r * 0.16)}/>`)
      return rotate(lines.join(''), rotation * 0.5, cx, cy)
    }
    case 'line': {
      const segments = 4 + Math.floor(rand() * 3)
      const points = Array.from({ length: segments + 1 }, (_, index) =>
        [cx - r * 1.3 + (index / segments) * r * 2.6, cy + (index % 2 === 0 ? -1 : 1) * r * 0.35] as [number, number])
      return rotate(`<polyline points="${pointList(points)}" ${lineAttributes(paint, r * 0.18)}/>`, rotation, cx, cy)
    }
  }
}
