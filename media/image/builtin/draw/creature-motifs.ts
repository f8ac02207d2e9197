import type { CreatureTraits } from '../motif-words'
import { blobPoints, type Frame, pointList, smoothClosedPath } from './geometry'
import { areaAttributes, lineAttributes, type MotifPaint, round } from './paint'

const ellipse = (cx: number, cy: number, rx: number, ry: number, attributes: string, turn = 0) =>
  `<ellipse cx="${round(cx)}" cy="${round(cy)}" rx="${round(rx)}" ry="${round(ry)}"${turn ? ` transform="rotate(${round(turn)} ${round(cx)} ${round(cy)})"` : ''} ${attributes}/>`

function ears(traits: CreatureTraits, cx: number, top: number, r: number, paint: MotifPaint): string {
  return [-1, 1].map((side) => {
    const x = cx + side * r * 0.48
    if (traits.ears === 'pointy') {
      return `<polygon points="${pointList([[x - r * 0.26, top + r * 0.25], [x + side * r * 0.08, top - r * 0.38], [x + r * 0.26, top + r * 0.25]])}" ${areaAttributes(paint.body)}/>`
    }
    if (traits.ears === 'round') return ellipse(x, top + r * 0.02, r * 0.24, r * 0.24, areaAttributes(paint.body))
    if (traits.ears === 'long') return ellipse(x, top - r * 0.35, r * 0.15, r * 0.48, areaAttributes(paint.body), side * 12)
    return ''
  }).join('')
}

/** A friendly blob with a face: the hero of most children's ideas. */
export function drawCreature({ cx, cy, r }: Frame, paint: MotifPaint, rand: () => number, traits: CreatureTraits): string {
  const swims = traits.tail === 'fish'
  const [rx, ry] = swims ? [r * 1.15, r * 0.72] : [r * 0.85, r * 0.8]
  const facing = rand() < 0.5 ? -1 : 1
  const tail = swims
    ? `<polygon points="${pointList([[cx - facing * rx * 0.85, cy], [cx - facing * rx * 1.45, cy - ry * 0.6], [cx - facing * rx * 1.3, cy], [cx - facing * rx * 1.45, cy + ry * 0.55]])}" ${areaAttributes(paint.accent)}/>`
    : ''
  const feet = swims ? '' : [-0.4, 0.4].map(dx => ellipse(cx + dx * rx, cy + ry * 0.95, rx * 0.26, ry * 0.16, areaAttributes(paint.accent))).join('')
  const body = `<path d="${smoothClosedPath(blobPoints(cx, cy, rx, ry, rand, 10, 0.05))}" ${areaAttributes(paint.body)}/>`
  const belly = ellipse(cx, cy + ry * 0.35, rx * 0.5, ry * 0.4, areaAttributes({ ...paint.detail, opacity: 0.45 }))
  const faceX = cx + (swims ? facing * rx * 0.35 : 0)
  const eyeY = cy - ry * 0.22
  const eyes = [-1, 1].map((side) => {
    const x = faceX + side * r * 0.26
    return ellipse(x, eyeY, r * 0.17, r * 0.2, areaAttributes(paint.detail))
      + ellipse(x + facing * r * 0.05, eyeY + r * 0.03, r * 0.09, r * 0.11, areaAttributes(paint.ink))
      + ellipse(x + facing * r * 0.08, eyeY - r * 0.03, r * 0.03, r * 0.03, areaAttributes(paint.detail))
  }).join('')
  const cheeks = [-1, 1].map(side => ellipse(faceX + side * r * 0.45, eyeY + r * 0.3, r * 0.1, r * 0.06, areaAttributes({ ...paint.accent, opacity: 0.7 }))).join('')
  const smile = `<path d="M${round(faceX - r * 0.14)},${round(eyeY + r * 0.3)}Q${round(faceX)},${round(eyeY + r * 0.45)} ${round(faceX + r * 0.14)},${round(eyeY + r * 0.3)}" ${lineAttributes(paint.ink, r * 0.05)}/>`
  return tail + ears(traits, cx, cy - ry * 0.8, r, paint) + feet + body + belly + eyes + cheeks + smile
}

export function drawWings({ cx, cy, r }: Frame, paint: MotifPaint): string {
  return [-1, 1].map(side => [0, 1, 2, 3].map((feather) => {
    const turn = side * (60 - feather * 22)
    const length = r * (1.25 - feather * 0.16)
    return ellipse(cx + side * (r * 0.35 + length * 0.42), cy - r * 0.25 + feather * r * 0.2, length * 0.55, length * 0.19, areaAttributes(paint.body), turn)
  }).join('')).join('')
}

export function drawCrown({ cx, cy, r }: Frame, paint: MotifPaint): string {
  const base = cy + r * 0.4
  const points: Array<[number, number]> = [[cx - r, base], [cx - r, cy - r * 0.5], [cx - r * 0.5, cy], [cx, cy - r * 0.75], [cx + r * 0.5, cy], [cx + r, cy - r * 0.5], [cx + r, base]]
  const jewels = [-0.5, 0, 0.5].map((dx, index) => ellipse(cx + dx * r, base - r * 0.25, r * 0.12, r * 0.12, areaAttributes(index === 1 ? paint.accent : paint.detail))).join('')
  return `<polygon points="${pointList(points)}" ${areaAttributes(paint.body)}/>${jewels}`
}

export function drawHeart({ cx, cy, r, rotation }: Frame, paint: MotifPaint): string {
  const top = cy - r * 0.45
  const path = `M${round(cx)},${round(cy + r * 0.9)}C${round(cx - r * 1.4)},${round(cy)} ${round(cx - r * 0.9)},${round(top - r * 0.85)} ${round(cx)},${round(top)}C${round(cx + r * 0.9)},${round(top - r * 0.85)} ${round(cx + r * 1.4)},${round(cy)} ${round(cx)},${round(cy + r * 0.9)}Z`
  return `<path d="${path}" transform="rotate(${round(rotation * 0.4)} ${round(cx)} ${round(cy)})" ${areaAttributes(paint.body)}/>`
}
