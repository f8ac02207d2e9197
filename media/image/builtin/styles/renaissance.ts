import { darken, mix, parseHex, type Rgb, toHex } from '../colour'
import type { SceneElement } from '../composition'
import { drawElement } from '../draw/motifs'
import { type MotifPaint, RAINBOW_COLOURS, round, solidPaint } from '../draw/paint'
import { fullRect, GradientBook, svgDocument, textureOverlay } from '../render-svg'
import { drawFigure, heroAsCreature } from './renaissance-figure'
import type { ImageStyle, Scene } from './style'

const UMBER = parseHex('#5a3a1e')
const FAR_AWAY = new Set<SceneElement['motif']>(['sun', 'moon', 'star', 'cloud', 'rainbow', 'bird', 'sea', 'mountain'])

const distance = (a: Rgb, b: Rgb) => Math.hypot(a.r - b.r, a.g - b.g, a.b - b.b)
const mostDifferent = (from: Rgb, options: Rgb[]) => options.reduce((best, option) => distance(option, from) > distance(best, from) ? option : best)

/** Old masters' pigments: every colour a little earthier and darker. */
const oldMaster = (colour: Rgb) => mix(colour, UMBER, 0.28)

function paintFor(colour: Rgb, gradients: GradientBook): MotifPaint {
  const shaded = (tone: Rgb) => ({ fill: gradients.rounded(tone), line: toHex(tone) })
  return {
    body: shaded(oldMaster(colour)), accent: shaded(oldMaster(darken(colour, 0.3))),
    detail: solidPaint('#efe2c4'), ink: solidPaint('#24160c'), wood: shaded(parseHex('#6b4526')), leaf: shaded(parseHex('#4f6b3a')),
    spectrum: RAINBOW_COLOURS.map(colour => toHex(oldMaster(parseHex(colour)))),
  }
}

/** The view through the arch: sfumato hills fading to a pale horizon, plus whatever the child put in the sky. */
function landscape(scene: Scene, gradients: GradientBook, arch: string): string {
  const { width, height, elements } = scene
  const sky = fullRect(width, height, `fill="${gradients.vertical('distance', [[0, parseHex('#7f9fb0')], [0.55, parseHex('#e8dcc0')], [1, parseHex('#b9a67c')]])}"`)
  const hills = [[0.5, '#6f8a84'], [0.58, '#55705a']].map(([level, colour], index) =>
    `<path d="M0,${round(height * Number(level))}Q${round(width * (0.3 + index * 0.3))},${round(height * (Number(level) - 0.1))} ${width},${round(height * (Number(level) + 0.02))}V${height}H0Z" fill="${colour}"/>`).join('')
  const far = elements.filter(element => FAR_AWAY.has(element.motif)).map(element =>
    drawElement(element, { cx: element.x * width, cy: Math.min(element.y, 0.5) * height, r: element.size * Math.min(width, height) * 0.6, rotation: element.rotation, width, height }, paintFor(element.colour, gradients))).join('')
  return `<clipPath id="arch"><path d="${arch}"/></clipPath><g clip-path="url(#arch)">${sky}${hills}${far}</g>`
}

/** Attributes of the sitter, laid out on the stone ledge in front of them. */
function ledgeObjects(scene: Scene, gradients: GradientBook, ledgeTop: number): string {
  const { width, height, elements } = scene
  const objects = elements.filter(element => !element.hero && !element.attachment && !FAR_AWAY.has(element.motif)).slice(0, 4)
  const r = Math.min(width, height) * 0.06
  return objects.map((element, index) => {
    const x = width * (index % 2 === 0 ? 0.12 + index * 0.04 : 0.88 - index * 0.04)
    const frame = { cx: x, cy: ledgeTop - r * 0.9, r, rotation: 0, width, height }
    return drawElement({ ...element, motif: element.motif ?? null }, frame, paintFor(element.colour, gradients))
  }).join('')
}

export const renaissanceStyle: ImageStyle = {
  textures: ['paper'],
  compose(scene) {
    const { width, height, elements, palette } = scene
    const gradients = new GradientBook()
    const wall = fullRect(width, height, `fill="${gradients.radial('wall', [[0, mix(parseHex('#6b4423'), palette.tint, 0.06)], [1, parseHex('#1a0f08')]], [0.5, 0.4], 0.8)}"`)
    const [left, right, top, bottom] = [width * 0.16, width * 0.84, height * 0.1, height * 0.8]
    const radius = (right - left) / 2
    const arch = `M${round(left)},${round(bottom)}V${round(top + radius)}A${round(radius)},${round(radius)} 0 0,1 ${round(right)},${round(top + radius)}V${round(bottom)}Z`
    const hero = elements.find(element => element.hero)
    const robe = oldMaster(palette.named[0] ?? (hero && hero.motif !== 'creature' ? hero.colour : parseHex('#8e1f1a')))
    const mantle = oldMaster(mostDifferent(robe, [...palette.colours, parseHex('#1f3f8c')]))
    const figure = drawFigure({ width, height, robe, mantle, creature: heroAsCreature(hero), crowned: elements.some(element => element.motif === 'crown') }, gradients)
    const ledgeTop = height * 0.82
    const ledge = `<rect x="0" y="${round(ledgeTop)}" width="${width}" height="${round(height - ledgeTop)}" fill="${gradients.vertical('stone', [[0, parseHex('#8a7358')], [0.15, parseHex('#5e4a35')], [1, parseHex('#2e2318')]])}"/>`
    const light = fullRect(width, height, `fill="${gradients.radial('light', [[0, parseHex('#ffe3b0'), 0.22], [1, parseHex('#ffe3b0'), 0]], [0.25, 0.2], 0.7)}"`)
    const shadow = fullRect(width, height, `fill="${gradients.radial('shade', [[0.5, parseHex('#140a04'), 0], [1, parseHex('#140a04'), 0.75]], [0.5, 0.45], 0.75)}"`)
    const varnish = fullRect(width, height, 'fill="#c8963c" opacity="0.12" style="mix-blend-mode:multiply"')
    const paper = scene.textures.paper ? textureOverlay(scene.textures.paper, width, height, 'multiply', 0.3) : ''
    const body = wall + landscape(scene, gradients, arch) + `<path d="${arch}" fill="none" stroke="#2a1a0e" stroke-width="${round(width * 0.012)}"/>`
      + figure + ledge + ledgeObjects(scene, gradients, ledgeTop) + light + shadow + varnish + paper
    return svgDocument(width, height, gradients.defs(), body)
  },
}
