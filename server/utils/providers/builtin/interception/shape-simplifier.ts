import type { InterceptionRule } from './interception-rule'
import {
  COLOUR_WORDS, COLOURS, type ColourKey, FALSE_FRIENDS, type GermanGender, type Layer, NIGHT_WORDS, NOUN_SHAPES, SHAPE_NAMES, type ShapeKey, type SimpleShape,
} from './shape-vocabulary'
import { type Bilingual, pick, wordsOf, type RuleLanguage } from './text-tools'

const MAX_SHAPES = 6
const LAYERS: readonly Layer[] = ['top', 'middle', 'bottom']
const GERMAN_ENDINGS: Record<GermanGender, string> = { m: 'er', f: 'e', n: 'es', plural: 'e' }

export const LABELS: Bilingual<Record<Layer | 'intro' | 'background' | 'day' | 'night', string>> = {
  de: { intro: 'Einfache Formen', top: 'oben', middle: 'Mitte', bottom: 'unten', background: 'Hintergrund', day: 'hellgrau', night: 'dunkelblau' },
  en: { intro: 'Simple shapes', top: 'top', middle: 'middle', bottom: 'bottom', background: 'background', day: 'light grey', night: 'dark blue' },
}

function germanColour(colour: ColourKey, gender: GermanGender): string {
  const entry: { de: string, invariant?: boolean } = COLOURS[colour]
  if (entry.invariant) return entry.de
  const ending = GERMAN_ENDINGS[gender]
  return entry.de.endsWith('e') ? entry.de + ending.slice(1) : entry.de + ending
}

function describeShape(shape: ShapeKey, colour: ColourKey, language: RuleLanguage, detail?: string): string {
  const name = SHAPE_NAMES[shape]
  const plural = 'plural' in name && name.plural
  const suffix = detail ? ` ${detail}` : ''
  if (language === 'de') return `${plural ? 'drei ' : ''}${germanColour(colour, name.gender)} ${name.de}${suffix}`
  const colourWord = COLOURS[colour].en
  const article = plural ? 'three' : /^[aeiou]/.test(colourWord) ? 'an' : 'a'
  return `${article} ${colourWord} ${name.en}${suffix}`
}

/** "rote", "roten", "red" → red. */
function colourOf(word: string | undefined): ColourKey | undefined {
  if (!word) return undefined
  const lower = word.toLocaleLowerCase()
  return COLOUR_WORDS[lower] ?? COLOUR_WORDS[lower.replace(/(?:em|en|er|es|e)$/u, '')]
}

function shapeOf(word: string, language: RuleLanguage): SimpleShape | undefined {
  const lower = word.toLocaleLowerCase()
  if (FALSE_FRIENDS[language].has(lower)) return undefined
  return NOUN_SHAPES[lower] ?? (lower.endsWith('s') ? NOUN_SHAPES[lower.slice(0, -1)] : undefined)
}

function knownShapes(words: readonly string[], language: RuleLanguage): { layer: Layer, description: string }[] {
  const seen = new Set<SimpleShape>()
  const shapes: { layer: Layer, description: string }[] = []
  words.forEach((word, index) => {
    const shape = shapeOf(word, language)
    if (!shape || seen.has(shape) || shapes.length >= MAX_SHAPES) return
    seen.add(shape)
    const colour = colourOf(words[index - 1]) ?? shape.colour
    shapes.push({ layer: shape.layer, description: describeShape(shape.shape, colour, language, shape.detail?.[language]) })
  })
  return shapes
}

/** Words it has no shape for still get one – chosen by seed, and labelled so the child sees which is which. */
function inventedShapes(words: readonly string[], language: RuleLanguage, random: () => number): { layer: Layer, description: string }[] {
  const distinct = [...new Set(words)]
  // Short words are mostly "and", "the", "im": they get a shape only when nothing else is there.
  const meaningful = distinct.filter(word => word.length >= 4)
  const longest = (meaningful.length > 0 ? meaningful : distinct).map((word, index) => ({ word, index })).sort((a, b) => b.word.length - a.word.length || a.index - b.index).slice(0, 3)
  const singleShapes = (Object.keys(SHAPE_NAMES) as ShapeKey[]).filter(key => !('plural' in SHAPE_NAMES[key]))
  const colours = (Object.keys(COLOURS) as ColourKey[]).filter(key => key !== 'colourful')
  return longest.sort((a, b) => a.index - b.index).map(({ word }) => {
    const shape = describeShape(pick(random, singleShapes), pick(random, colours), language)
    return { layer: 'middle', description: language === 'de' ? `${shape} für „${word}“` : `${shape} for "${word}"` }
  })
}

/** p5.js simplifier: the idea as a sketch of basic shapes and flat colours, top to bottom. */
export const reduceToShapes: InterceptionRule = ({ idea, language, random }) => {
  const words = wordsOf(idea)
  const found = knownShapes(words, language)
  const shapes = found.length > 0 ? found : inventedShapes(words, language, random)
  const labels = LABELS[language]
  const rows = LAYERS.map(layer => ({ layer, items: shapes.filter(shape => shape.layer === layer).map(shape => shape.description) }))
    .filter(row => row.items.length > 0)
    .map(row => `${labels[row.layer]}: ${row.items.join(', ')}`)
  const isNight = words.some(word => NIGHT_WORDS.has(word.toLocaleLowerCase()))
  rows.push(`${labels.background}: ${isNight ? labels.night : labels.day}`)
  return `${labels.intro} – ${rows.join('; ')}.`
}
