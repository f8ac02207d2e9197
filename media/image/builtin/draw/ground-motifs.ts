import { blobPoints, type Frame, type Point, pointList, smoothClosedPath, wavePath } from './geometry'
import { areaAttributes, lineAttributes, type MotifPaint, round } from './paint'

const rect = (x: number, y: number, w: number, h: number, rx: number, attributes: string) =>
  `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="${round(rx)}" ${attributes}/>`
const circle = (cx: number, cy: number, r: number, attributes: string) =>
  `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r)}" ${attributes}/>`
const line = (points: Point[], attributes: string) => `<polyline points="${pointList(points)}" ${attributes}/>`

export function drawHouse({ cx, cy, r }: Frame, paint: MotifPaint, rand: () => number): string {
  const roofTop = cy - r * (0.95 + rand() * 0.3)
  const chimney = rect(cx + r * 0.35, roofTop + r * 0.15, r * 0.2, r * 0.45, 2, areaAttributes(paint.wood))
  const walls = rect(cx - r * 0.72, cy - r * 0.22, r * 1.44, r * 1.22, r * 0.04, areaAttributes(paint.body))
  const roof = `<polygon points="${pointList([[cx - r * 0.92, cy - r * 0.18], [cx, roofTop], [cx + r * 0.92, cy - r * 0.18]])}" ${areaAttributes(paint.accent)}/>`
  const door = rect(cx - r * 0.17, cy + r * 0.42, r * 0.34, r * 0.58, r * 0.15, areaAttributes(paint.ink))
  const windows = [-0.42, 0.42].map(dx => rect(cx + dx * r - r * 0.16, cy + r * 0.02, r * 0.32, r * 0.3, r * 0.04, areaAttributes(paint.detail))).join('')
  return chimney + walls + roof + door + windows
}

export function drawTree({ cx, cy, r }: Frame, paint: MotifPaint, rand: () => number): string {
  const trunk = rect(cx - r * 0.12, cy - r * 0.1, r * 0.24, r * 1.1, r * 0.05, areaAttributes(paint.wood))
  if (rand() < 0.35) {
    const tiers = [0, 1, 2].map(tier => `<polygon points="${pointList([[cx - r * (0.75 - tier * 0.15), cy + r * (0.2 - tier * 0.45)], [cx, cy - r * (0.55 + tier * 0.42)], [cx + r * (0.75 - tier * 0.15), cy + r * (0.2 - tier * 0.45)]])}" ${areaAttributes(paint.body)}/>`)
    return trunk + tiers.join('')
  }
  const crown = `<path d="${smoothClosedPath(blobPoints(cx, cy - r * 0.45, r * 0.75, r * 0.65, rand, 9, 0.12))}" ${areaAttributes(paint.body)}/>`
  const fruit = rand() < 0.5 ? [0, 1, 2].map(() => circle(cx + (rand() - 0.5) * r, cy - r * 0.45 + (rand() - 0.5) * r * 0.8, r * 0.09, areaAttributes(paint.accent))).join('') : ''
  return trunk + crown + fruit
}

export function drawFlower({ cx, cy, r }: Frame, paint: MotifPaint, rand: () => number): string {
  const head = cy - r * 0.5
  const stem = line([[cx, head], [cx + r * 0.1, cy + r * 0.4], [cx, cy + r * 1.1]], lineAttributes(paint.leaf, r * 0.12))
  const count = 5 + Math.floor(rand() * 3)
  const petals = Array.from({ length: count }, (_, index) =>
    `<ellipse cx="${round(cx)}" cy="${round(head - r * 0.4)}" rx="${round(r * 0.24)}" ry="${round(r * 0.4)}" transform="rotate(${round(index * 360 / count)} ${round(cx)} ${round(head)})" ${areaAttributes(paint.body)}/>`).join('')
  return stem + petals + circle(cx, head, r * 0.26, areaAttributes(paint.accent))
}

export function drawMountains({ cx, cy, r, width }: Frame, paint: MotifPaint, rand: () => number): string {
  const base = cy + r * 0.4
  const peaks = [0.22, 0.55, 0.85].map((along, index) => ({ x: width * along + (rand() - 0.5) * width * 0.1, height: r * (1 + rand() * 0.6) * (index === 1 ? 1.2 : 0.9) }))
  return peaks.map(({ x, height }, index) => {
    const spread = height * 1.1
    const top = base - height
    const body = `<polygon points="${pointList([[x - spread, base], [x, top], [x + spread, base]])}" ${areaAttributes(index === 1 ? paint.body : paint.accent)}/>`
    const cap = `<polygon points="${pointList([[x - spread * 0.25, top + height * 0.25], [x, top], [x + spread * 0.25, top + height * 0.25], [x + spread * 0.08, top + height * 0.2], [x - spread * 0.06, top + height * 0.28]])}" ${areaAttributes(paint.detail)}/>`
    return body + cap
  }).join('') + rect(cx - width, base - 2, width * 3, r, 0, areaAttributes(paint.accent))
}

export function drawSea({ cy, r, width, height }: Frame, paint: MotifPaint, rand: () => number): string {
  const top = cy - r * 0.35
  return [paint.accent, paint.body].map((layer, index) => {
    const baseline = top + index * r * 0.25
    const crest = wavePath(-20, width + 20, baseline, r * 0.06, width / (4 + index + Math.floor(rand() * 2)), rand() * 6)
    return `<path d="${crest}L${round(width + 20)},${round(height + 20)}L-20,${round(height + 20)}Z" ${areaAttributes(layer)}/>`
  }).join('')
}

export function drawBoat({ cx, cy, r }: Frame, paint: MotifPaint): string {
  const hull = `<polygon points="${pointList([[cx - r, cy], [cx + r, cy], [cx + r * 0.7, cy + r * 0.45], [cx - r * 0.7, cy + r * 0.45]])}" ${areaAttributes(paint.body)}/>`
  const mast = line([[cx, cy], [cx, cy - r * 1.35]], lineAttributes(paint.wood, r * 0.07))
  const sail = `<polygon points="${pointList([[cx + r * 0.06, cy - r * 1.25], [cx + r * 0.06, cy - r * 0.12], [cx + r * 0.85, cy - r * 0.12]])}" ${areaAttributes(paint.detail)}/>`
  const flag = `<polygon points="${pointList([[cx, cy - r * 1.35], [cx - r * 0.35, cy - r * 1.25], [cx, cy - r * 1.15]])}" ${areaAttributes(paint.accent)}/>`
  return mast + sail + flag + hull
}

export function drawBicycle({ cx, cy, r }: Frame, paint: MotifPaint): string {
  const rear: Point = [cx - r * 0.62, cy + r * 0.5]
  const front: Point = [cx + r * 0.62, cy + r * 0.5]
  const crank: Point = [cx - r * 0.02, cy + r * 0.5]
  const seat: Point = [cx - r * 0.2, cy - r * 0.15]
  const head: Point = [cx + r * 0.42, cy - r * 0.2]
  const wheel = ([x, y]: Point) => circle(x, y, r * 0.44, lineAttributes(paint.ink, r * 0.09))
    + [0, 60, 120].map(angle => {
      const [dx, dy] = [Math.cos(angle * Math.PI / 180) * r * 0.4, Math.sin(angle * Math.PI / 180) * r * 0.4]
      return line([[x - dx, y - dy], [x + dx, y + dy]], lineAttributes(paint.ink, r * 0.025))
    }).join('')
  const frame = line([rear, crank, seat, rear], lineAttributes(paint.body, r * 0.09)) + line([seat, head, crank], lineAttributes(paint.body, r * 0.09)) + line([head, front], lineAttributes(paint.body, r * 0.08))
  const bars = line([[head[0] - r * 0.05, head[1] - r * 0.2], [head[0], head[1]]], lineAttributes(paint.ink, r * 0.07)) + line([[head[0] - r * 0.2, head[1] - r * 0.22], [head[0] + r * 0.05, head[1] - r * 0.2]], lineAttributes(paint.ink, r * 0.07))
  const saddle = `<ellipse cx="${round(seat[0])}" cy="${round(seat[1] - r * 0.08)}" rx="${round(r * 0.16)}" ry="${round(r * 0.06)}" ${areaAttributes(paint.accent)}/>`
  return wheel(rear) + wheel(front) + frame + bars + saddle
}

export function drawCar({ cx, cy, r }: Frame, paint: MotifPaint): string {
  const cabin = `<path d="M${round(cx - r * 0.55)},${round(cy)}L${round(cx - r * 0.35)},${round(cy - r * 0.45)}L${round(cx + r * 0.35)},${round(cy - r * 0.45)}L${round(cx + r * 0.6)},${round(cy)}Z" ${areaAttributes(paint.accent)}/>`
  const windows = rect(cx - r * 0.33, cy - r * 0.36, r * 0.28, r * 0.3, r * 0.04, areaAttributes(paint.detail)) + rect(cx + r * 0.02, cy - r * 0.36, r * 0.3, r * 0.3, r * 0.04, areaAttributes(paint.detail))
  const body = rect(cx - r, cy - r * 0.05, r * 2, r * 0.5, r * 0.18, areaAttributes(paint.body))
  const wheels = [-0.55, 0.55].map(dx => circle(cx + dx * r, cy + r * 0.45, r * 0.24, areaAttributes(paint.ink)) + circle(cx + dx * r, cy + r * 0.45, r * 0.1, areaAttributes(paint.detail))).join('')
  return cabin + windows + body + wheels
}
