import { mix } from '../../image/builtin/colour'
import type { SceneElement } from '../../image/builtin/composition'
import type { Palette } from '../../image/builtin/palette'
import { hashString } from '../../../server/utils/providers/builtin/seeded-random'

const TAU = Math.PI * 2

/** Words that ask for quick motion make the scene go round twice per loop, everything else once. */
const QUICK_WORDS = /(fast|quick|run|fly|flies|flying|jump|dance|danc|storm|wild|schnell|renn|flieg|spring|tanz|sturm|wild|rase|wirbel)/

export const loopsFor = (prompt: string) => (QUICK_WORDS.test(prompt.toLowerCase()) ? 2 : 1)

/**
 * The picture's elements at one moment of a seamless loop (t from 0 to 1 and back to 0): things in
 * the sky drift, things on the ground bob, things in water sway, the hero breathes, and every
 * colour leans towards its neighbour in the palette and back.
 */
export function elementsAt(elements: readonly SceneElement[], t: number, loops: number): SceneElement[] {
  return elements.map((element) => {
    const phase = (hashString(`${element.word}:${element.detailSeed}`) % 1000) / 1000
    const wave = Math.sin(TAU * (loops * t + phase))
    const moved = { ...element }
    if (element.placement === 'sky') moved.x = element.x + 0.05 * wave
    else if (element.placement === 'ground') moved.y = element.y - 0.025 * Math.abs(wave)
    else if (element.placement === 'water') moved.rotation = element.rotation + 8 * wave
    else moved.y = element.y + 0.02 * wave
    if (element.hero) moved.size = element.size * (1 + 0.05 * Math.sin(TAU * loops * t))
    return moved
  })
}

/** The palette with each colour moved part of the way to the next, most at the loop's middle. */
export function paletteAt(palette: Palette, t: number): Palette {
  const amount = 0.35 * (0.5 - 0.5 * Math.cos(TAU * t))
  const shift = (colours: Palette['colours']) => colours.map((colour, index) => mix(colour, colours[(index + 1) % colours.length]!, amount))
  return { ...palette, colours: shift(palette.colours), mood: mix(palette.mood, palette.tint, amount) }
}

/** Element colours follow the palette shift too: they were picked from it. */
export function recolour(elements: SceneElement[], before: Palette, after: Palette): SceneElement[] {
  return elements.map((element) => {
    const index = before.colours.findIndex(colour => colour.r === element.colour.r && colour.g === element.colour.g && colour.b === element.colour.b)
    return index >= 0 ? { ...element, colour: after.colours[index]! } : element
  })
}
