import { lighten, mix, parseHex, toHex } from '../colour'
import { drawElement, frameOf } from '../draw/motifs'
import type { MotifPaint, Paint } from '../draw/paint'
import { round } from '../draw/paint'
import { fullRect, GradientBook, svgDocument, textureOverlay } from '../render-svg'
import type { ImageStyle, Scene } from './style'

const CHALK = '#f2f7ff'

function gridLines(width: number, height: number, step: number, opacity: number): string {
  let path = ''
  for (let x = step; x < width; x += step) path += `M${round(x)},0V${height}`
  for (let y = step; y < height; y += step) path += `M0,${round(y)}H${width}`
  return `<path d="${path}" stroke="${CHALK}" stroke-opacity="${opacity}" stroke-width="1" fill="none"/>`
}

/** Dashed circle, centre cross and a dimension line with end ticks: how an engineer marks a part. */
function constructionMarks(cx: number, cy: number, r: number, colour: string): string {
  const attributes = `fill="none" stroke="${colour}" stroke-width="1.5" stroke-opacity="0.75"`
  const cross = `<path d="M${round(cx - r * 1.3)},${round(cy)}H${round(cx + r * 1.3)}M${round(cx)},${round(cy - r * 1.3)}V${round(cy + r * 1.3)}" ${attributes} stroke-dasharray="14 5 3 5"/>`
  const ring = `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r * 1.12)}" ${attributes} stroke-dasharray="6 6"/>`
  const y = cy + r * 1.4
  const dimension = `<path d="M${round(cx - r)},${round(y)}H${round(cx + r)}M${round(cx - r)},${round(y - 10)}V${round(y + 10)}M${round(cx + r)},${round(y - 10)}V${round(y + 10)}M${round(cx - r)},${round(y)}l14,-5M${round(cx - r)},${round(y)}l14,5M${round(cx + r)},${round(y)}l-14,-5M${round(cx + r)},${round(y)}l-14,5" ${attributes}/>`
  return cross + ring + dimension
}

function titleBlock(width: number, height: number, accent: string): string {
  const [w, h] = [width * 0.3, height * 0.1]
  const [x, y] = [width - w - 28, height - h - 28]
  const attributes = `fill="none" stroke="${CHALK}" stroke-width="2"`
  return `<rect x="12" y="12" width="${width - 24}" height="${height - 24}" ${attributes}/>`
    + `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" ${attributes}/>`
    + `<path d="M${round(x)},${round(y + h / 2)}H${round(x + w)}M${round(x + w * 0.6)},${round(y)}V${round(y + h)}" ${attributes}/>`
    + `<path d="M${round(x + 14)},${round(y + h * 0.25)}H${round(x + w * 0.5)}M${round(x + 14)},${round(y + h * 0.75)}H${round(x + w * 0.4)}" stroke="${accent}" stroke-width="3" stroke-linecap="round"/>`
}

export const blueprintStyle: ImageStyle = {
  textures: ['paper'],
  compose(scene: Scene) {
    const { width, height, palette, elements } = scene
    const unit = Math.min(width, height)
    const gradients = new GradientBook()
    const blue = mix(parseHex('#1d5596'), palette.tint, 0.1)
    const background = fullRect(width, height, `fill="${gradients.radial('paper', [[0, lighten(blue, 0.12)], [1, mix(blue, parseHex('#0d2a52'), 0.5)]], [0.5, 0.45], 0.8)}"`)
    // A named colour becomes the red pencil: the one colour an engineer adds to a white drawing.
    const accent = toHex(lighten(palette.named[0] ?? parseHex('#ff8a7a'), 0.25))
    const outline: Paint = { fill: 'none', line: CHALK, stroke: CHALK, strokeWidth: 2.5, lineScale: 0.15 }
    const paint: MotifPaint = { body: outline, accent: outline, detail: outline, ink: outline, wood: outline, leaf: outline, spectrum: [CHALK, CHALK, CHALK] }
    const drawings = elements.map((element) => {
      const frame = frameOf(element, width, height)
      const marks = element.motif === 'sea' || element.motif === 'mountain' ? '' : constructionMarks(frame.cx, frame.cy, frame.r, element.hero ? accent : CHALK)
      return marks + drawElement(element, frame, paint)
    }).join('')
    const paper = scene.textures.paper ? textureOverlay(scene.textures.paper, width, height, 'soft-light', 0.5) : ''
    const grid = gridLines(width, height, unit / 32, 0.07) + gridLines(width, height, unit / 8, 0.16)
    return svgDocument(width, height, gradients.defs(), background + grid + drawings + titleBlock(width, height, accent) + paper)
  },
}
