import { darken, lighten, mix, parseHex, type Rgb, toHex } from '../colour'
import type { SceneElement } from '../composition'
import { frameOf, drawElement } from '../draw/motifs'
import { type MotifPaint, type Paint, RAINBOW_COLOURS, round, solidPaint } from '../draw/paint'
import { GradientBook, svgDocument, textureOverlay } from '../render-svg'
import { drawBackdrop } from './playful-backdrop'
import type { ImageStyle, Scene } from './style'

export interface PlayfulOptions {
  /** Lets other styles (old photographs) reuse the whole scene in their own colours. */
  recolour: (colour: Rgb) => Rgb
  confetti: boolean
}

const hex = (colour: Rgb) => toHex(colour)

function motifPaint(element: SceneElement, scene: Scene, gradients: GradientBook, recolour: PlayfulOptions['recolour']): MotifPaint {
  const { colours, tint } = scene.palette
  const outlineWidth = Math.min(scene.width, scene.height) * 0.004
  const shaded = (colour: Rgb): Paint => ({ fill: gradients.rounded(colour), line: hex(colour), stroke: hex(darken(colour, 0.4)), strokeWidth: outlineWidth })
  const own = recolour(element.colour)
  const others = colours.filter(colour => hex(colour) !== hex(element.colour))
  const accent = element.motif === 'sea' || element.motif === 'mountain'
    ? recolour(lighten(element.colour, 0.3))
    : recolour(others[element.detailSeed % Math.max(1, others.length)] ?? darken(element.colour, 0.3))
  return {
    body: shaded(own),
    accent: shaded(accent),
    detail: solidPaint(hex(recolour(parseHex('#fffaf0')))),
    ink: solidPaint(hex(recolour(parseHex('#2b2340')))),
    wood: shaded(recolour(parseHex('#8a5a32'))),
    leaf: shaded(recolour(mix(parseHex('#4caf50'), tint, 0.15))),
    spectrum: RAINBOW_COLOURS.map(colour => hex(recolour(parseHex(colour)))),
  }
}

function groundShadow(element: SceneElement, scene: Scene): string {
  if (element.placement !== 'ground' || element.motif === 'mountain') return ''
  const { cx, cy, r } = frameOf(element, scene.width, scene.height)
  const base = element.motif === 'creature' ? cy + r * 0.9 : cy + r
  return `<ellipse cx="${round(cx)}" cy="${round(base)}" rx="${round(r * 0.85)}" ry="${round(r * 0.12)}" fill="#1a1030" opacity="0.16"/>`
}

function confetti(scene: Scene, recolour: PlayfulOptions['recolour']): string {
  const { width, height, rand, palette } = scene
  const unit = Math.min(width, height)
  let pieces = ''
  for (let index = 0, count = 12 + Math.floor(rand() * 14); index < count; index++) {
    const [x, y, r] = [rand() * width, rand() * height * 0.7, unit * (0.005 + rand() * 0.01)]
    const colour = hex(recolour(palette.colours[index % palette.colours.length]!))
    pieces += index % 3 === 0
      ? `<rect x="${round(x)}" y="${round(y)}" width="${round(r * 2)}" height="${round(r * 0.8)}" rx="${round(r * 0.3)}" fill="${colour}" transform="rotate(${round(rand() * 180)} ${round(x)} ${round(y)})"/>`
      : `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" fill="${colour}"/>`
  }
  return pieces
}

/** The scene as a picture book draws it; returns defs and body so other styles can add to it. */
export function paintPlayfulScene(scene: Scene, options: PlayfulOptions): { defs: string, body: string } {
  const gradients = new GradientBook()
  let body = drawBackdrop(scene, gradients, options.recolour)
  if (options.confetti) body += confetti(scene, options.recolour)
  for (const element of scene.elements) {
    body += groundShadow(element, scene)
    body += drawElement(element, frameOf(element, scene.width, scene.height), motifPaint(element, scene, gradients, options.recolour))
  }
  return { defs: gradients.defs(), body }
}

export const playfulStyle: ImageStyle = {
  textures: ['paper'],
  compose(scene) {
    const { defs, body } = paintPlayfulScene(scene, { recolour: colour => colour, confetti: true })
    const paper = scene.textures.paper ? textureOverlay(scene.textures.paper, scene.width, scene.height, 'soft-light', 0.6) : ''
    return svgDocument(scene.width, scene.height, defs, body + paper)
  },
}
