import type { ColourKey, ShapeKey } from '../../../server/utils/providers/builtin/interception/shape-vocabulary'
import { COLOUR_WORDS, COLOURS, NOUN_SHAPES } from '../../../server/utils/providers/builtin/interception/shape-vocabulary'
import { hashString, seededRandom } from '../../../server/utils/providers/builtin/seeded-random'
import { CANVAS, COLOUR_HEX, sketchScene } from '../../code/sketch/sketch-scene'
import type { SolidKind } from './solids'

/** One solid of the model: what it is, its colour, where it stands and how big it is. */
export interface PlacedSolid {
  kind: SolidKind
  /** Linear RGB 0..1, as glTF's baseColorFactor wants it. */
  colour: [number, number, number]
  /** The child's word it stands for, kept as the node's name in the GLB. */
  word: string
  position: [number, number, number]
  scale: number
  turn: number
}

export interface ModelScene { solids: PlacedSolid[] }

/** Shapes that are already solids in the child's words ("three red balls", "a tower"). */
const SOLID_WORDS: Readonly<Record<string, SolidKind>> = {
  ball: 'sphere', balls: 'sphere', sphere: 'sphere', kugel: 'sphere', kugeln: 'sphere', ballon: 'sphere', balloon: 'sphere', planet: 'sphere',
  cube: 'box', cubes: 'box', würfel: 'box', box: 'box', kiste: 'box', block: 'box', blocks: 'box',
  pyramid: 'pyramid', pyramids: 'pyramid', pyramide: 'pyramid', pyramiden: 'pyramid',
  cone: 'cone', cones: 'cone', kegel: 'cone', hat: 'cone', hut: 'cone',
  tower: 'cylinder', towers: 'cylinder', turm: 'cylinder', türme: 'cylinder', cylinder: 'cylinder', zylinder: 'cylinder', can: 'cylinder', dose: 'cylinder',
  ring: 'torus', rings: 'torus', donut: 'torus', reifen: 'torus',
}

/** The flat shapes of the sketch vocabulary, in the round. */
const SHAPE_SOLIDS: Record<ShapeKey, SolidKind> = {
  circle: 'sphere', square: 'box', triangle: 'cone', rectangle: 'cylinder', rectangles: 'box', ellipse: 'sphere',
  arc: 'torus', star: 'star', lines: 'cylinder', wavyLines: 'torus', dots: 'sphere',
}

const NUMBERS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, many: 5, some: 3, several: 3,
  ein: 1, eine: 1, einen: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, viele: 5, einige: 3,
}
const MAX_PER_WORD = 6
const MAX_SOLIDS = 12

/** glTF colours are linear; our palette is sRGB hex. */
function linearColour(hex: string): [number, number, number] {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255
    const linear = value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
    return Math.round(linear * 1e4) / 1e4
  }
  return [channel(1), channel(3), channel(5)]
}

/** A number word or digits just before the noun, or before its colour word: "3 red balls", "drei rote Kugeln". */
function countBefore(words: readonly string[], index: number): number {
  for (const back of [1, 2]) {
    const word = words[index - back]?.toLocaleLowerCase()
    if (!word) break
    const count = /^\d+$/.test(word) ? Number(word) : NUMBERS[word]
    if (count !== undefined) return Math.max(1, Math.min(MAX_PER_WORD, count))
  }
  return 1
}

/** A colour word just before the noun ("rote Kugeln"), German endings stripped. */
function colourBefore(words: readonly string[], index: number): ColourKey | 'mixed' | undefined {
  const word = words[index - 1]?.toLocaleLowerCase()
  if (!word) return undefined
  const colour = COLOUR_WORDS[word] ?? COLOUR_WORDS[word.replace(/(?:em|en|er|es|e)$/u, '')]
  return colour === 'colourful' ? 'mixed' : colour
}

const isDrawnNoun = (word: string) => {
  const lower = word.toLocaleLowerCase()
  return lower in NOUN_SHAPES || (lower.endsWith('s') && lower.slice(0, -1) in NOUN_SHAPES)
}

const singleColours = (Object.keys(COLOURS) as ColourKey[]).filter(key => key !== 'colourful')

/**
 * The idea as a small model: the sketch's shapes and colours (media/code/sketch/sketch-scene.ts)
 * in the round, solid words as themselves, counts from number words; the perspective turns how the
 * solids are set out (a row, a ring, a stack). The same text, perspective and seed give the same model.
 */
export function modelScene(text: string, perspectiveId: string, seed: number): ModelScene {
  const words: string[] = text.match(/[\p{L}\d]+/gu) ?? []
  const random = seededRandom((hashString(`${perspectiveId}\n${text}`) ^ seed) >>> 0)
  const wanted: Array<{ kind: SolidKind, colour: ColourKey | 'mixed', word: string, count: number, aloft?: boolean }> = []
  words.forEach((word, index) => {
    const kind = SOLID_WORDS[word.toLocaleLowerCase()]
    if (kind) wanted.push({ kind, colour: colourBefore(words, index) ?? singleColours[Math.floor(random() * singleColours.length)]!, word, count: countBefore(words, index) })
  })
  // The sketch's shapes for the nouns children draw; its shapes for unknown words only when no solid was named.
  for (const shape of sketchScene(text, seed).shapes) {
    const index = words.indexOf(shape.word)
    const known = isDrawnNoun(shape.word)
    if (SOLID_WORDS[shape.word.toLocaleLowerCase()] || (!known && wanted.length > 0)) continue
    wanted.push({ kind: SHAPE_SOLIDS[shape.shape], colour: shape.colour === 'colourful' ? 'mixed' : shape.colour, word: shape.word, count: known && index >= 0 ? countBefore(words, index) : 1, aloft: shape.y < CANVAS.height * 0.4 })
  }
  const flat = wanted.flatMap(entry => Array.from({ length: entry.count }, () => entry)).slice(0, MAX_SOLIDS)
  const layout = ['row', 'ring', 'stack'][hashString(perspectiveId) % 3]!
  const solids = flat.map((entry, index): PlacedSolid => {
    const colourKey = entry.colour === 'mixed' ? singleColours[index % singleColours.length]! : entry.colour
    const scale = Math.round((0.7 + random() * 0.5) * 1000) / 1000
    return {
      kind: entry.kind,
      colour: linearColour(COLOUR_HEX[colourKey]),
      word: entry.word,
      position: aloft(placeOf(layout, index, flat.length), entry.aloft),
      scale,
      turn: Math.round(random() * 360),
    }
  })
  return { solids }
}

/** What a child draws in the sky (sun, stars, clouds, a rocket) floats above the others. */
const aloft = ([x, y, z]: [number, number, number], inTheSky = false): [number, number, number] => [x, inTheSky ? y + 1.6 : y, z]

/** Where the index-th of `count` solids stands in the perspective's layout, on a round base of radius 2. */
function placeOf(layout: string, index: number, count: number): [number, number, number] {
  const round = (value: number) => Math.round(value * 1000) / 1000
  if (layout === 'ring' && count > 1) {
    const angle = (index / count) * Math.PI * 2
    return [round(Math.cos(angle) * 1.3), 0, round(Math.sin(angle) * 1.3)]
  }
  if (layout === 'stack') {
    const perRow = Math.ceil(Math.sqrt(count))
    return [round((index % perRow - (perRow - 1) / 2) * 1.2), 0, round((Math.floor(index / perRow) - (Math.ceil(count / perRow) - 1) / 2) * 1.2)]
  }
  return [round((index - (count - 1) / 2) * Math.min(1.2, 3.6 / count)), 0, 0]
}
