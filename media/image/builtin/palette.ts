import { fromHsl, mix, type Rgb } from './colour'
import { associatedColour, namedColour } from './colour-words'

export interface Palette {
  /** Shape colours: named colours first, then things' colours, then a harmony from the seed. */
  colours: Rgb[]
  /** Colours the prompt names outright, in the order written. */
  named: Rgb[]
  /** The one colour the picture is "about"; styles tint their backgrounds with it. */
  mood: Rgb
  /** The perspective's own colour. */
  tint: Rgb
}

const PALETTE_SIZE = 5
const TINT_STRENGTH = 0.16

function harmony(rand: () => number): Rgb[] {
  const hue = rand() * 360
  const offsets = [0, 40, 180, 215, 95]
  return offsets.map((offset, index) => fromHsl(hue + offset, 0.62 + rand() * 0.2, 0.52 + (index % 2) * 0.1))
}

function unique(colours: Rgb[]): Rgb[] {
  const seen = new Set<string>()
  return colours.filter((colour) => {
    const key = `${colour.r},${colour.g},${colour.b}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

export function buildPalette(words: readonly string[], tint: Rgb, rand: () => number): Palette {
  const named = unique(words.map(namedColour).filter(colour => colour !== undefined))
  const associated = unique(words.map(associatedColour).filter(colour => colour !== undefined))
  const seeded = harmony(rand)
  // A single named colour fills two slots so "a red kite" really looks red.
  const preferred = named.length === 1 ? [named[0]!, mix(named[0]!, seeded[1]!, 0.25)] : named
  const colours = [...preferred, ...associated, ...seeded]
    .slice(0, PALETTE_SIZE)
    .map(colour => mix(colour, tint, TINT_STRENGTH))
  return { colours, named, mood: named[0] ?? associated[0] ?? seeded[0]!, tint }
}
