import { lighten, mix, parseHex, type Rgb, toHex } from '../colour'
import { round } from '../draw/paint'
import { wavePath } from '../draw/geometry'
import { fullRect, type GradientBook } from '../render-svg'
import type { Backdrop } from '../scene-words'
import type { Scene } from './style'

type Recolour = (colour: Rgb) => Rgb

const SKIES: Record<Backdrop, { top: string, bottom: string, hills: [string, string] | null }> = {
  day: { top: '#6ec3f2', bottom: '#fdf1d8', hills: ['#a5d86f', '#6cbf58'] },
  sunset: { top: '#5a3d8f', bottom: '#ffc36e', hills: ['#8a4c86', '#5d3468'] },
  night: { top: '#0c1638', bottom: '#2d3f82', hills: ['#2b5a78', '#1c3f5c'] },
  space: { top: '#0a0628', bottom: '#2b1259', hills: null },
  underwater: { top: '#27b3c6', bottom: '#0b3c6e', hills: ['#e3c88c', '#d4b06a'] },
  snow: { top: '#bcdcf6', bottom: '#ffffff', hills: ['#eef6ff', '#ffffff'] },
}

function hill(width: number, height: number, baseline: number, amplitude: number, rand: () => number, fill: string): string {
  const crest = wavePath(-40, width + 40, baseline, amplitude, width * (0.6 + rand() * 0.5), rand() * 6)
  return `<path d="${crest}L${width + 40},${height + 10}L-40,${height + 10}Z" fill="${fill}"/>`
}

/** Little dots of light: stars at night, bubbles under water, snowflakes in winter. */
function sprinkles(scene: Scene, recolour: Recolour): string {
  const { backdrop, width, height, rand } = scene
  const count = { space: 90, night: 55, underwater: 26, snow: 60, day: 0, sunset: 0 }[backdrop]
  let dots = ''
  for (let index = 0; index < count; index++) {
    const [x, y, size] = [rand() * width, rand() * height * (backdrop === 'night' ? 0.6 : 1), 1 + rand() * rand() * 5]
    dots += backdrop === 'underwater'
      ? `<circle cx="${round(x)}" cy="${round(y)}" r="${round(size * 3)}" fill="none" stroke="#ffffff" stroke-opacity="0.5" stroke-width="2"/>`
      : `<circle cx="${round(x)}" cy="${round(y)}" r="${round(size)}" fill="${toHex(recolour(parseHex('#fffbe8')))}" opacity="${round(0.5 + rand() * 0.5)}"/>`
  }
  return dots
}

/** Far-away planets make an empty universe feel like a place. */
function planets(scene: Scene, recolour: Recolour): string {
  const { width, height, rand, palette } = scene
  return [0, 1].map((index) => {
    const [x, y, r] = [width * (index ? 0.82 : 0.15) + (rand() - 0.5) * width * 0.1, height * (0.15 + rand() * 0.2), Math.min(width, height) * (0.04 + rand() * 0.04)]
    const colour = toHex(recolour(lighten(palette.colours[(index + 2) % palette.colours.length]!, 0.2)))
    const ring = `<ellipse cx="${round(x)}" cy="${round(y)}" rx="${round(r * 1.8)}" ry="${round(r * 0.45)}" fill="none" stroke="${colour}" stroke-width="${round(r * 0.15)}" opacity="0.7" transform="rotate(-18 ${round(x)} ${round(y)})"/>`
    return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" fill="${colour}"/>${index ? ring : ''}`
  }).join('')
}

/** A night sky without a moon feels unfinished. */
function nightMoon(scene: Scene, recolour: Recolour): string {
  if (scene.elements.some(element => element.motif === 'moon')) return ''
  const [x, y, r] = [scene.width * 0.8, scene.height * 0.17, Math.min(scene.width, scene.height) * 0.07]
  const light = toHex(recolour(parseHex('#fff2bf')))
  return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r * 1.9)}" fill="${light}" opacity="0.12"/><circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" fill="${light}"/>`
}

export function drawBackdrop(scene: Scene, gradients: GradientBook, recolour: Recolour): string {
  const { backdrop, width, height, rand, palette } = scene
  const sky = SKIES[backdrop]
  const tinted = (hex: string, amount: number) => recolour(mix(parseHex(hex), palette.mood, amount))
  const fill = gradients.vertical('sky', [[0, tinted(sky.top, 0.12)], [1, tinted(sky.bottom, 0.08)]])
  let backdropSvg = fullRect(width, height, `fill="${fill}"`)
  if (backdrop === 'space') backdropSvg += planets(scene, recolour)
  backdropSvg += sprinkles(scene, recolour)
  if (backdrop === 'night') backdropSvg += nightMoon(scene, recolour)
  if (sky.hills) {
    backdropSvg += hill(width, height, height * 0.66, height * 0.04, rand, toHex(tinted(sky.hills[0], 0.12)))
    backdropSvg += hill(width, height, height * 0.76, height * 0.03, rand, toHex(tinted(sky.hills[1], 0.1)))
  }
  return backdropSvg
}
