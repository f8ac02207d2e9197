import { darken, lighten, type Rgb, toHex } from '../colour'
import { drawElement, frameOf } from '../draw/motifs'
import { type MotifPaint, type Paint, RAINBOW_COLOURS, round, solidPaint } from '../draw/paint'
import { fullRect, svgDocument, textureOverlay } from '../render-svg'
import type { ImageStyle, Scene } from './style'

const PATTERNS = `<pattern id="stripes" width="18" height="18" patternUnits="userSpaceOnUse" patternTransform="rotate(35)"><rect width="9" height="18" fill="#1b1b1b" opacity="0.55"/></pattern>`
  + `<pattern id="dots" width="22" height="22" patternUnits="userSpaceOnUse"><circle cx="11" cy="11" r="5" fill="#ffffff" opacity="0.8"/></pattern>`

/** Scraps of paper with torn edges: many jittered corners instead of four clean ones. */
function tornScrap(cx: number, cy: number, w: number, h: number, turn: number, fill: string, rand: () => number): string {
  const points: string[] = []
  const corners = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]
  corners.forEach(([x, y], index) => {
    const [nx, ny] = corners[(index + 1) % 4]!
    for (let step = 0; step < 6; step++) {
      const along = step / 6
      points.push(`${round(x! + (nx! - x!) * along + (rand() - 0.5) * 10)},${round(y! + (ny! - y!) * along + (rand() - 0.5) * 10)}`)
    }
  })
  return `<polygon points="${points.join(' ')}" fill="${fill}" transform="translate(${round(cx)} ${round(cy)}) rotate(${round(turn)})"/>`
}

function scraps(scene: Scene): string {
  const { width, height, rand, palette } = scene
  let layer = ''
  for (let index = 0; index < 11; index++) {
    const colour = palette.colours[index % palette.colours.length]!
    const fill = index % 4 === 1 ? 'url(#stripes)' : index % 4 === 3 ? 'url(#dots)' : toHex(index % 2 ? lighten(colour, 0.35) : colour)
    const scrap = tornScrap(rand() * width, rand() * height, width * (0.25 + rand() * 0.45), height * (0.15 + rand() * 0.35), (rand() - 0.5) * 70, toHex(lighten(colour, 0.5)), rand)
    layer += scrap + (fill.startsWith('url') ? scrap.replace(/fill="[^"]*"/, `fill="${fill}"`) : scrap.replace(/fill="[^"]*"/, `fill="${fill}"`))
  }
  return layer
}

/** Eyes cut from magazines, staring from odd places: the mad world watches back. */
function strayEyes(scene: Scene): string {
  const { width, height, rand } = scene
  return Array.from({ length: 2 + Math.floor(rand() * 3) }, () => {
    const [x, y, r] = [rand() * width, rand() * height, Math.min(width, height) * (0.025 + rand() * 0.035)]
    const look = (rand() - 0.5) * r * 0.6
    return cutOut(`<ellipse cx="${round(x)}" cy="${round(y)}" rx="${round(r * 1.4)}" ry="${round(r)}" fill="#ffffff" stroke="#1b1b1b" stroke-width="3"/>`
      + `<circle cx="${round(x + look)}" cy="${round(y)}" r="${round(r * 0.55)}" fill="#1b1b1b"/><circle cx="${round(x + look + r * 0.2)}" cy="${round(y - r * 0.2)}" r="${round(r * 0.15)}" fill="#ffffff"/>`, 6)
  }).join('')
}

/** Everything cut out with a white paper edge and a hard shadow, as if glued down. */
function cutOut(svg: string, offset: number): string {
  const shadow = svg.replace(/fill="[^"]*"/g, 'fill="#000000"').replace(/stroke="[^"]*"/g, 'stroke="#000000"')
  const edge = svg.replace(/stroke="[^"]*"/g, 'stroke="#ffffff"').replace(/stroke-width="[^"]*"/g, 'stroke-width="14"')
  return `<g transform="translate(${offset} ${offset})" opacity="0.3">${shadow}</g>${edge}${svg}`
}

function collagePaint(colour: Rgb, others: Rgb[]): MotifPaint {
  const flat = (tone: Rgb): Paint => ({ fill: toHex(tone), line: toHex(tone), stroke: toHex(darken(tone, 0.6)), strokeWidth: 4 })
  return {
    body: flat(colour), accent: flat(others[0] ?? darken(colour, 0.3)), detail: { ...solidPaint('#ffffff'), stroke: '#1b1b1b', strokeWidth: 3 },
    ink: solidPaint('#1b1b1b'), wood: flat(others[1] ?? colour), leaf: flat(others[2] ?? colour), spectrum: RAINBOW_COLOURS,
  }
}

export const collageStyle: ImageStyle = {
  textures: ['paper'],
  compose(scene) {
    const { width, height, rand, palette, elements } = scene
    const pieces = elements.flatMap((element) => {
      // Mad worlds repeat themselves: most things appear twice, at another size and angle.
      const copies = element.hero || rand() < 0.4 ? 1 : 2
      return Array.from({ length: copies }, (_, copy) => {
        const scale = copy === 0 ? 1 + rand() * 0.5 : 0.5 + rand() * 0.4
        const moved = copy === 0 ? element : { ...element, x: rand(), y: 0.1 + rand() * 0.8 }
        const frame = frameOf({ ...moved, size: element.size * scale }, width, height)
        const others = palette.colours.filter(colour => toHex(colour) !== toHex(element.colour)).slice(rand() < 0.5 ? 0 : 1)
        const drawing = drawElement(moved, frame, collagePaint(element.colour, others))
        const turn = (rand() - 0.5) * 60
        const mirror = rand() < 0.3 ? ` translate(${round(frame.cx * 2)} 0) scale(-1 1)` : ''
        return `<g transform="rotate(${round(turn)} ${round(frame.cx)} ${round(frame.cy)})${mirror}">${cutOut(drawing, 10)}</g>`
      })
    }).join('')
    const background = fullRect(width, height, `fill="${toHex(lighten(palette.mood, 0.6))}"`)
    const paper = scene.textures.paper ? textureOverlay(scene.textures.paper, width, height, 'multiply', 0.3) : ''
    return svgDocument(width, height, PATTERNS, background + scraps(scene) + pieces + strayEyes(scene) + paper)
  },
}
