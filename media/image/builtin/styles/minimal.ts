import { lighten, luminance, mix, type Rgb, toHex } from '../colour'
import { fullRect, svgDocument } from '../render-svg'
import { drawPlainFigure } from './plain-figures'
import { plainFigureOf } from './shape-families'
import type { ImageStyle } from './style'

const MAX_FIGURES = 4
/** Where figures stand, in order: the hero in the middle, the others to either side, one up in the air. */
const SLOTS: Array<{ x: number, size: number, floating: boolean }> = [
  { x: 0.5, size: 0.36, floating: false },
  { x: 0.18, size: 0.16, floating: false },
  { x: 0.82, size: 0.2, floating: false },
  { x: 0.74, size: 0.12, floating: true },
]

const distance = (a: Rgb, b: Rgb) => Math.hypot(a.r - b.r, a.g - b.g, a.b - b.b)

/** What a first p5.js sketch would draw: a flat ground, a few flat shapes, lots of air. */
export const minimalStyle: ImageStyle = {
  textures: [],
  compose(scene) {
    const { width, height, elements, palette, rand } = scene
    const unit = Math.min(width, height)
    // White wings or snow would leave a blank page: the ground takes the first colour with body.
    const mood = [palette.mood, ...palette.colours].find(colour => luminance(colour) < 0.8) ?? palette.mood
    const sky = lighten(mood, 0.78)
    const horizon = Math.round(height * (0.68 + rand() * 0.08))
    const floor = `<rect x="0" y="${horizon}" width="${width}" height="${height - horizon}" fill="${toHex(mix(sky, mood, 0.25))}"/>`
    const chosen = [...elements].sort((a, b) => Number(b.hero) - Number(a.hero) || b.size - a.size).slice(0, MAX_FIGURES)
    const figures = chosen.map((element, index) => {
      const slot = SLOTS[index]!
      const size = Math.round(unit * slot.size * (0.9 + rand() * 0.2))
      const x = Math.round(width * slot.x - size / 2)
      const y = slot.floating ? Math.round(height * 0.14) : horizon - size
      const colour = distance(element.colour, sky) < 80 ? palette.colours[(index + 1) % palette.colours.length]! : element.colour
      return drawPlainFigure(plainFigureOf(element), x, y, size, 0, toHex(colour))
    }).join('')
    return svgDocument(width, height, '', fullRect(width, height, `fill="${toHex(sky)}"`) + floor + figures)
  },
}
