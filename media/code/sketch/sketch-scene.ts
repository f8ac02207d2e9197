import type { Language } from '#shared/schemas/common'
import { writingLanguage } from '../../text-language'
import { COLOUR_WORDS, type ColourKey, COLOURS, NIGHT_WORDS, NOUN_SHAPES, SHAPE_NAMES, type ShapeKey } from '../../../server/utils/providers/builtin/interception/shape-vocabulary'
import { hashString, seededRandom } from '../../../server/utils/providers/builtin/seeded-random'
import { type Motion, motionOf } from './motion-words'

/** One shape of the sketch, where it stands and how it moves. */
export interface SketchShape {
  shape: ShapeKey
  colour: ColourKey
  /** The child's word it stands for, quoted in the code's comment. */
  word: string
  x: number
  y: number
  size: number
  motion: Motion
}

export interface SketchScene { width: number, height: number, night: boolean, shapes: SketchShape[] }

export const CANVAS = { width: 600, height: 400 } as const
const MAX_SHAPES = 6
const LAYER_Y = { top: 0.22, middle: 0.55, bottom: 0.85 } as const
const LAYER_SIZE = { top: 70, middle: 110, bottom: 90 } as const

/** Hex colours of the shape vocabulary's colour names, as p5.js's fill() takes them. */
export const COLOUR_HEX: Record<ColourKey, string> = {
  red: '#e0312b', blue: '#2f6fd6', green: '#46b04a', yellow: '#f7cf2e', orange: '#f08a24', purple: '#8c4fd1', pink: '#ef6fae',
  black: '#232326', white: '#f6f4ee', grey: '#8d939b', brown: '#8a5a32', gold: '#e8b923', silver: '#c0c4ca', turquoise: '#1fb5a8', colourful: '#ff5fa2',
}

const colourOf = (word: string | undefined): ColourKey | undefined => {
  if (!word) return undefined
  const lower = word.toLocaleLowerCase()
  return COLOUR_WORDS[lower] ?? COLOUR_WORDS[lower.replace(/(?:em|en|er|es|e)$/u, '')]
}

const shapeFor = (word: string) => {
  const lower = word.toLocaleLowerCase()
  return NOUN_SHAPES[lower] ?? (lower.endsWith('s') ? NOUN_SHAPES[lower.slice(0, -1)] : undefined)
}

/**
 * The idea as a scene of simple shapes, in the spirit of the "Shapes for Coding" perspective:
 * nouns children draw become their shape (sun → yellow circle at the top), a colour word before
 * a noun colours it, a verb of motion makes the shapes move. Ideas with no known noun get shapes
 * for their longest words, chosen by the seed. The same text and seed give the same scene.
 */
export function sketchScene(text: string, seed: number): SketchScene {
  const words = text.match(/[\p{L}]+/gu) ?? []
  const random = seededRandom((hashString(text) ^ seed) >>> 0)
  const sceneMotion = words.map(motionOf).find(Boolean)
  const found: Array<Omit<SketchShape, 'x' | 'y' | 'size'> & { layer: keyof typeof LAYER_Y }> = []
  const seen = new Set<object>()
  words.forEach((word, index) => {
    const known = shapeFor(word)
    if (!known || seen.has(known) || found.length >= MAX_SHAPES) return
    seen.add(known)
    found.push({ shape: known.shape, colour: colourOf(words[index - 1]) ?? known.colour, word, layer: known.layer, motion: motionOf(word) ?? sceneMotion ?? 'float' })
  })
  if (found.length === 0) {
    const single = (Object.keys(SHAPE_NAMES) as ShapeKey[]).filter(key => !('plural' in SHAPE_NAMES[key]))
    const colours = (Object.keys(COLOURS) as ColourKey[]).filter(key => key !== 'colourful')
    const longest = [...new Set(words)].filter(word => word.length >= 4).sort((a, b) => b.length - a.length).slice(0, 3)
    for (const word of longest.length > 0 ? longest : ['?']) {
      found.push({ shape: single[Math.floor(random() * single.length)]!, colour: colours[Math.floor(random() * colours.length)]!, word, layer: 'middle', motion: sceneMotion ?? 'float' })
    }
  }
  const shapes = found.map((shape, index) => {
    const inLayer = found.filter(other => other.layer === shape.layer)
    const place = inLayer.indexOf(shape)
    const { layer, ...rest } = shape
    return {
      ...rest,
      x: Math.round(CANVAS.width * (place + 1) / (inLayer.length + 1)),
      y: Math.round(CANVAS.height * LAYER_Y[layer]),
      size: LAYER_SIZE[layer] - (index % 2) * 10,
    }
  })
  return { ...CANVAS, night: words.some(word => NIGHT_WORDS.has(word.toLocaleLowerCase())), shapes }
}

/** The shape's name in the child's language, for the comments. */
export const shapeName = (shape: ShapeKey, language: Language) => SHAPE_NAMES[shape][writingLanguage(language)]
