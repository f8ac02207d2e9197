import { type Frame, pointList, polar, starPoints } from './geometry'
import { areaAttributes, lineAttributes, type MotifPaint, round } from './paint'

export function drawSun({ cx, cy, r }: Frame, paint: MotifPaint, rand: () => number): string {
  const rays = 10 + Math.floor(rand() * 5)
  const turn = rand() * 30
  const rayLines = Array.from({ length: rays }, (_, index) => {
    const [x1, y1] = polar(cx, cy, r * 0.72, turn + index * 360 / rays)
    const [x2, y2] = polar(cx, cy, r * (index % 2 ? 0.95 : 1.1), turn + index * 360 / rays)
    return `<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" ${lineAttributes(paint.body, r * 0.09)}/>`
  }).join('')
  return `${rayLines}<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r * 0.58)}" ${areaAttributes(paint.body)}/>`
}

export function drawMoon({ cx, cy, r }: Frame, paint: MotifPaint): string {
  // Two equal circles, the second shifted right: the crescent runs between their crossing points.
  const shift = r * 0.7
  const half = Math.sqrt(r * r - (shift * shift) / 4)
  const [top, bottom] = [`${round(cx + shift / 2)},${round(cy - half)}`, `${round(cx + shift / 2)},${round(cy + half)}`]
  const crescent = `<path d="M${top}A${round(r)},${round(r)} 0 1,0 ${bottom}A${round(r)},${round(r)} 0 0,1 ${top}Z" ${areaAttributes(paint.body)}/>`
  return `<g transform="rotate(-25 ${round(cx)} ${round(cy)})">${crescent}</g>`
}

export function drawStar({ cx, cy, r, rotation }: Frame, paint: MotifPaint): string {
  return `<polygon points="${pointList(starPoints(cx, cy, r, r * 0.45, 5, rotation * 0.3))}" ${areaAttributes(paint.body)}/>`
}

export function drawCloud({ cx, cy, r }: Frame, paint: MotifPaint, rand: () => number): string {
  const puffs = [[-0.6, 0.1, 0.42], [-0.2, -0.18, 0.55], [0.3, -0.1, 0.48], [0.68, 0.12, 0.36]]
  const circles = puffs.map(([dx, dy, size]) =>
    `<circle cx="${round(cx + dx! * r * 1.3)}" cy="${round(cy + dy! * r)}" r="${round(size! * r * (0.9 + rand() * 0.2))}"/>`).join('')
  const base = `<rect x="${round(cx - r * 0.85)}" y="${round(cy)}" width="${round(r * 1.75)}" height="${round(r * 0.5)}" rx="${round(r * 0.25)}"/>`
  return `<g ${areaAttributes(paint.detail)}>${circles}${base}</g>`
}

export function drawRainbow({ cx, cy, r }: Frame, paint: MotifPaint): string {
  const band = r * 0.16
  return paint.spectrum.map((colour, index) => {
    const radius = r * 1.6 - index * band
    const arc = `M${round(cx - radius)},${round(cy)}A${round(radius)},${round(radius)} 0 0,1 ${round(cx + radius)},${round(cy)}`
    return `<path d="${arc}" ${lineAttributes({ ...paint.body, line: colour }, band * 1.05)}/>`
  }).join('')
}

export function drawRocket({ cx, cy, r, rotation }: Frame, paint: MotifPaint): string {
  const body = `<path d="M${round(cx)},${round(cy - r)}C${round(cx + r * 0.5)},${round(cy - r * 0.55)} ${round(cx + r * 0.42)},${round(cy + r * 0.3)} ${round(cx + r * 0.3)},${round(cy + r * 0.6)}H${round(cx - r * 0.3)}C${round(cx - r * 0.42)},${round(cy + r * 0.3)} ${round(cx - r * 0.5)},${round(cy - r * 0.55)} ${round(cx)},${round(cy - r)}Z" ${areaAttributes(paint.body)}/>`
  const fins = [-1, 1].map(side => `<polygon points="${pointList([[cx + side * r * 0.32, cy + r * 0.05], [cx + side * r * 0.62, cy + r * 0.7], [cx + side * r * 0.25, cy + r * 0.6]])}" ${areaAttributes(paint.accent)}/>`).join('')
  const flame = `<polygon points="${pointList([[cx - r * 0.22, cy + r * 0.6], [cx, cy + r * 1.15], [cx + r * 0.22, cy + r * 0.6]])}" ${areaAttributes({ ...paint.accent, fill: paint.spectrum[1] ?? paint.accent.fill })}/>`
  const window = `<circle cx="${round(cx)}" cy="${round(cy - r * 0.25)}" r="${round(r * 0.17)}" ${areaAttributes(paint.detail)}/>`
  return `<g transform="rotate(${round(rotation * 0.6)} ${round(cx)} ${round(cy)})">${flame}${fins}${body}${window}</g>`
}

export function drawBird({ cx, cy, r }: Frame, paint: MotifPaint, rand: () => number): string {
  const lift = r * (0.3 + rand() * 0.4)
  const path = `M${round(cx - r)},${round(cy)}Q${round(cx - r / 2)},${round(cy - lift)} ${round(cx)},${round(cy)}Q${round(cx + r / 2)},${round(cy - lift)} ${round(cx + r)},${round(cy)}`
  return `<path d="${path}" ${lineAttributes(paint.ink, r * 0.16)}/>`
}
