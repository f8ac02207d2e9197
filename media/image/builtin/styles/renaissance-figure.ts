import { darken, lighten, parseHex, type Rgb, toHex } from '../colour'
import type { SceneElement } from '../composition'
import type { Ears } from '../motif-words'
import { round } from '../draw/paint'
import type { GradientBook } from '../render-svg'

const SKIN = parseHex('#e6bf98')
const HAIR = parseHex('#3b2414')
const GOLD = parseHex('#d9a93a')

export interface FigurePlan {
  width: number
  height: number
  robe: Rgb
  mantle: Rgb
  /** A creature hero lends the figure its head colour and ears. */
  creature: { colour: Rgb, ears: Ears } | null
  crowned: boolean
}

const ellipse = (cx: number, cy: number, rx: number, ry: number, attributes: string) =>
  `<ellipse cx="${round(cx)}" cy="${round(cy)}" rx="${round(rx)}" ry="${round(ry)}" ${attributes}/>`

function ears(kind: Ears, cx: number, cy: number, rx: number, ry: number, fill: string): string {
  if (kind === 'none') return ''
  return [-1, 1].map((side) => {
    const x = cx + side * rx * 0.78
    if (kind === 'pointy') return `<polygon points="${round(x - rx * 0.3)},${round(cy - ry * 0.6)} ${round(x + side * rx * 0.12)},${round(cy - ry * 1.35)} ${round(x + rx * 0.3)},${round(cy - ry * 0.6)}" fill="${fill}"/>`
    if (kind === 'round') return ellipse(x, cy - ry * 0.85, rx * 0.3, rx * 0.3, `fill="${fill}"`)
    return ellipse(x, cy - ry * 1.2, rx * 0.17, ry * 0.6, `fill="${fill}"`)
  }).join('')
}

function crown(cx: number, top: number, rx: number): string {
  const base = top + rx * 0.35
  const points = [[cx - rx * 0.55, base], [cx - rx * 0.55, top - rx * 0.1], [cx - rx * 0.27, top + rx * 0.12], [cx, top - rx * 0.3], [cx + rx * 0.27, top + rx * 0.12], [cx + rx * 0.55, top - rx * 0.1], [cx + rx * 0.55, base]]
  return `<polygon points="${points.map(([x, y]) => `${round(x!)},${round(y!)}`).join(' ')}" fill="${toHex(GOLD)}" stroke="${toHex(darken(GOLD, 0.4))}" stroke-width="2"/>`
}

/** A half-length sitter in a robe and mantle, lit from the upper left, as in a Florentine portrait. */
export function drawFigure(plan: FigurePlan, gradients: GradientBook): string {
  const { width, height } = plan
  const [cx, headY] = [width * 0.5, height * 0.36]
  const [rx, ry] = [width * 0.085, height * 0.108]
  const lit = (id: string, colour: Rgb) => gradients.radial(id, [[0, lighten(colour, 0.28)], [0.6, colour], [1, darken(colour, 0.45)]], [0.35, 0.3], 0.8)
  const shoulders = headY + ry * 1.35
  const robe = `<path d="M${round(cx - width * 0.25)},${height}C${round(cx - width * 0.25)},${round(shoulders + height * 0.1)} ${round(cx - width * 0.17)},${round(shoulders)} ${round(cx)},${round(shoulders - height * 0.01)}C${round(cx + width * 0.17)},${round(shoulders)} ${round(cx + width * 0.25)},${round(shoulders + height * 0.1)} ${round(cx + width * 0.25)},${height}Z" fill="${lit('robe', plan.robe)}"/>`
  const folds = [-0.12, -0.02, 0.09].map(dx => `<path d="M${round(cx + dx * width)},${round(shoulders + height * 0.12)}q${round(width * 0.03)},${round(height * 0.15)} ${round(-width * 0.01)},${round(height * 0.35)}" stroke="${toHex(darken(plan.robe, 0.4))}" stroke-width="${round(width * 0.006)}" fill="none" opacity="0.6"/>`).join('')
  const mantle = `<path d="M${round(cx - width * 0.23)},${round(shoulders + height * 0.08)}C${round(cx - width * 0.15)},${round(shoulders - height * 0.02)} ${round(cx + width * 0.05)},${round(shoulders + height * 0.2)} ${round(cx + width * 0.25)},${round(shoulders + height * 0.45)}L${round(cx + width * 0.25)},${height}L${round(cx + width * 0.12)},${height}C${round(cx + width * 0.05)},${round(shoulders + height * 0.3)} ${round(cx - width * 0.12)},${round(shoulders + height * 0.15)} ${round(cx - width * 0.25)},${round(shoulders + height * 0.2)}Z" fill="${lit('mantle', plan.mantle)}"/>`
  const face = plan.creature?.colour ?? SKIN
  const neck = `<rect x="${round(cx - rx * 0.4)}" y="${round(headY + ry * 0.6)}" width="${round(rx * 0.8)}" height="${round(ry * 0.9)}" fill="${toHex(darken(face, 0.15))}"/>`
  const halo = plan.crowned ? '' : ellipse(cx, headY - ry * 0.15, rx * 1.7, rx * 1.7, `fill="${toHex(GOLD)}" fill-opacity="0.28" stroke="${toHex(GOLD)}" stroke-width="${round(width * 0.005)}"`)
  const hair = plan.creature ? '' : ellipse(cx, headY - ry * 0.12, rx * 1.12, ry * 1.08, `fill="${toHex(HAIR)}"`)
  const head = ellipse(cx, headY, rx, ry, `fill="${lit('face', face)}"`)
  const eyeY = headY - ry * 0.05
  const eyes = [-1, 1].map(side => ellipse(cx + side * rx * 0.38, eyeY, rx * 0.14, ry * 0.06, 'fill="#2a1a10"')).join('')
  const features = `<path d="M${round(cx)},${round(eyeY + ry * 0.05)}l${round(-rx * 0.08)},${round(ry * 0.3)}l${round(rx * 0.12)},0" stroke="${toHex(darken(face, 0.35))}" stroke-width="2" fill="none"/>`
    + `<path d="M${round(cx - rx * 0.2)},${round(headY + ry * 0.55)}q${round(rx * 0.2)},${round(ry * 0.08)} ${round(rx * 0.4)},0" stroke="#8c3b2e" stroke-width="${round(width * 0.004)}" fill="none"/>`
  const creatureEars = plan.creature ? ears(plan.creature.ears, cx, headY, rx, ry, lit('face', face)) : ''
  const whiskers = plan.creature ? [-1, 1].map(side => [-0.06, 0.04, 0.14].map(dy =>
    `<path d="M${round(cx + side * rx * 0.25)},${round(headY + ry * (0.32 + dy / 2))}l${round(side * rx * 0.75)},${round(ry * dy)}" stroke="#2a1a10" stroke-width="1.5" opacity="0.6"/>`).join('')).join('') : ''
  return halo + robe + folds + mantle + neck + hair + creatureEars + head + eyes + features + whiskers + (plan.crowned ? crown(cx, headY - ry * 1.05, rx) : '')
}

/** Animals lend the sitter their face; people, robots and monsters sit as themselves. */
export function heroAsCreature(hero: SceneElement | undefined): FigurePlan['creature'] {
  const traits = hero?.motif === 'creature' ? hero.creature : null
  if (!hero || !traits || (traits.ears === 'none' && traits.tail === 'none')) return null
  return { colour: hero.colour, ears: traits.ears }
}
