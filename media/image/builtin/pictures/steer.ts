import type { Rgb } from '../colour'
import { associatedColour, namedColour } from '../colour-words'
import { promptWords } from '../../../../server/utils/providers/builtin/prompt-words'

/** What the idea's words ask of a treatment: a colour to lean towards and how light the picture is. */
export interface Steer {
  /** A colour the idea names ("blue"), or, weaker, the colour of a thing it names ("sea"). */
  accent: Rgb | null
  /** 1 for a named colour, 0.5 for a thing's colour, 0 without one. */
  accentStrength: number
  /** Multiplies brightness: night words darken, sun words lighten. */
  exposure: number
  /** The perspective's own colour, for treatments that tint in the perspective's manner. */
  tint: Rgb
  /** Seeded from the seed, perspective and idea: every random choice of a treatment comes from here. */
  rand: () => number
}

const DARK_WORDS = new Set(['night', 'nacht', 'dark', 'dunkel', 'dunkle', 'dunklen', 'shadow', 'schatten', 'moon', 'mond', 'storm', 'sturm', 'gloomy'])
const LIGHT_WORDS = new Set(['sun', 'sonne', 'sunny', 'sonnig', 'bright', 'hell', 'helle', 'light', 'licht', 'morning', 'morgen', 'summer', 'sommer', 'day', 'tag'])

export function steerFromIdea(prompt: string, tint: Rgb, rand: () => number): Steer {
  const words = promptWords(prompt)
  const named = words.map(namedColour).find(colour => colour !== undefined)
  const associated = named ? undefined : words.map(associatedColour).find(colour => colour !== undefined)
  const dark = words.some(word => DARK_WORDS.has(word))
  const light = words.some(word => LIGHT_WORDS.has(word))
  return {
    accent: named ?? associated ?? null,
    accentStrength: named ? 1 : associated ? 0.5 : 0,
    exposure: dark === light ? 1 : dark ? 0.78 : 1.15,
    tint,
    rand,
  }
}
