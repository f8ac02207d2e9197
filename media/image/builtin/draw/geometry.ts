import { round } from './paint'

/** Where and how big a drawing is, in pixels; canvas size for things that span the picture. */
export interface Frame { cx: number, cy: number, r: number, rotation: number, width: number, height: number }

export type Point = [number, number]

export const pointList = (points: Point[]) => points.map(([x, y]) => `${round(x)},${round(y)}`).join(' ')

export function polar(cx: number, cy: number, radius: number, degrees: number): Point {
  const radians = (degrees - 90) * Math.PI / 180
  return [cx + radius * Math.cos(radians), cy + radius * Math.sin(radians)]
}

export function starPoints(cx: number, cy: number, outer: number, inner: number, tips: number, turn = 0): Point[] {
  return Array.from({ length: tips * 2 }, (_, index) =>
    polar(cx, cy, index % 2 === 0 ? outer : inner, turn + index * 180 / tips))
}

/** A closed Catmull-Rom curve through the points: soft, hand-made outlines. */
export function smoothClosedPath(points: Point[]): string {
  const at = (index: number) => points[(index + points.length) % points.length]!
  let path = `M${round(at(0)[0])},${round(at(0)[1])}`
  for (let index = 0; index < points.length; index++) {
    const [p0, p1, p2, p3] = [at(index - 1), at(index), at(index + 1), at(index + 2)]
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6]
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6]
    path += `C${pointList([c1, c2, p2])}`
  }
  return `${path}Z`
}

export function blobPoints(cx: number, cy: number, rx: number, ry: number, rand: () => number, count = 8, wobble = 0.18): Point[] {
  return Array.from({ length: count }, (_, index) => {
    const angle = (index / count) * Math.PI * 2
    const stretch = 1 - wobble + rand() * wobble * 2
    return [cx + Math.cos(angle) * rx * stretch, cy + Math.sin(angle) * ry * stretch] as Point
  })
}

export const rotate = (svg: string, degrees: number, cx: number, cy: number) =>
  Math.abs(degrees) < 0.5 ? svg : `<g transform="rotate(${round(degrees)} ${round(cx)} ${round(cy)})">${svg}</g>`

export function wavePath(left: number, right: number, baseline: number, amplitude: number, wavelength: number, phase = 0): string {
  let path = ''
  const step = wavelength / 8
  for (let x = left; x <= right + step / 2; x += step) {
    const y = baseline + Math.sin(((x - left) / wavelength) * Math.PI * 2 + phase) * amplitude
    path += `${path ? 'L' : 'M'}${round(x)},${round(y)}`
  }
  return path
}
