import { hashString, seededRandom } from '../../../server/utils/providers/builtin/seeded-random'
import { mix, parseHex, type Rgb } from './colour'
import { associatedColour, isColourWord, namedColour } from './colour-words'
import { motifFor, type CreatureTraits, type Motif, type Placement } from './motif-words'
import type { Palette } from './palette'
import { isStopWord } from '../../../server/utils/providers/builtin/prompt-words'
import { isBackdropWord } from './scene-words'
import { BACKGROUND_MOTIFS, findSpot, GROUP_SIZES, type Region, SKY_MOTIFS, sizeFor } from './layout'

export const SHAPE_KINDS = ['circle', 'rectangle', 'triangle', 'wave', 'star', 'line', 'blob'] as const
export type ShapeKind = typeof SHAPE_KINDS[number]

/** One thing in the picture, born from one word. Positions are 0..1 of the canvas, size of its shorter side. */
export interface SceneElement {
  word: string
  kind: ShapeKind
  motif: Motif | null
  creature: CreatureTraits | null
  placement: Placement
  colour: Rgb
  x: number
  y: number
  size: number
  rotation: number
  /** Feeds the drawing's small details, so one word looks alike however often it is drawn. */
  detailSeed: number
  /** The first thing named: drawn biggest, nearest the middle. */
  hero: boolean
  /** Wings and crowns belong to the hero: drawn just behind or in front of it. */
  attachment: 'behind' | 'front' | null
}

/** More things than this crowd the picture until none of them reads. */
const MAX_WORDS = 9

function colourFor(word: string, pending: Rgb | null, palette: Palette, hash: number): Rgb {
  const own = pending ?? namedColour(word) ?? associatedColour(word)
  return own ? mix(own, palette.tint, 0.12) : palette.colours[hash % palette.colours.length]!
}

/** Prompts of only small words still deserve a picture. */
function contentWords(words: readonly string[]): string[] {
  const content = words.filter(word => !isStopWord(word))
  return (content.length ? content : words.length ? [...words] : ['idea']).slice(0, MAX_WORDS)
}

type Thing = Omit<SceneElement, 'x' | 'y' | 'size'>

/** Each word that names a thing, coloured by the colour word before it ("a red house"). */
function thingsNamed(words: readonly string[], seed: number, palette: Palette): Thing[] {
  const things: Thing[] = []
  let pendingColour: Rgb | null = null
  const content = contentWords(words)
  const namesOtherThings = content.some(word => (!isBackdropWord(word) || motifFor(word)) && !isColourWord(word))
  for (const [index, word] of content.entries()) {
    // "im Weltall" sets the scene; it only becomes a thing when nothing else is named.
    if (isBackdropWord(word) && !motifFor(word) && namesOtherThings) continue
    // Said last, a colour word becomes a shape of its own.
    if (isColourWord(word) && index < content.length - 1) {
      pendingColour = namedColour(word) ?? null
      continue
    }
    const hash = hashString(word)
    const found = motifFor(word)
    things.push({
      word, kind: SHAPE_KINDS[hash % SHAPE_KINDS.length]!, motif: found?.motif ?? null, creature: found?.creature ?? null,
      placement: found?.placement ?? 'anywhere', colour: colourFor(word, pendingColour, palette, hash),
      rotation: 0, detailSeed: (hash ^ seed) >>> 0, hero: false, attachment: null,
    })
    pendingColour = null
  }
  // A boat needs water to float on.
  if (things.some(thing => thing.motif === 'boat') && !things.some(thing => thing.motif === 'sea')) {
    things.push({ ...things.find(thing => thing.motif === 'boat')!, word: 'sea', motif: 'sea', placement: 'water', colour: mix(parseHex('#2e86de'), palette.tint, 0.12) })
  }
  return things
}

/** The hero is the first thing the picture can draw, else simply the first thing named. */
function heroIndex(things: Thing[]): number {
  const canLead = (thing: Thing) => !BACKGROUND_MOTIFS.has(thing.motif) && !SKY_MOTIFS.has(thing.motif) && thing.motif !== 'wing' && thing.motif !== 'crown'
  const drawable = things.findIndex(thing => thing.motif !== null && canLead(thing))
  return drawable >= 0 ? drawable : things.findIndex(canLead)
}

export function composeElements(words: readonly string[], seed: number, palette: Palette): SceneElement[] {
  const things = thingsNamed(words, seed, palette)
  const lead = heroIndex(things)
  const ordered = lead >= 0 ? [{ ...things[lead]!, hero: true }, ...things.filter((_, index) => index !== lead)] : things
  const elements: SceneElement[] = []
  for (const thing of ordered) {
    const hash = hashString(thing.word)
    const rand = seededRandom(hash ^ seed)
    const rotation = (rand() - 0.5) * 50
    const hero = elements.find(element => element.hero)
    if (hero && (thing.motif === 'wing' || thing.motif === 'crown')) {
      elements.push(attach(thing, hero))
      continue
    }
    const groupSize = thing.motif ? (GROUP_SIZES[thing.motif] ?? 1) : 1 + (hash >>> 8) % 3
    for (let member = 0; member < groupSize; member++) {
      const leads = thing.hero && member === 0
      const size = leads ? Math.max(0.2, sizeFor(thing.motif, rand) * 1.3) : sizeFor(thing.motif, rand) * (member === 0 ? 1 : 0.55)
      const region: Region = !leads ? thing.placement : thing.placement === 'ground' ? 'stage' : thing.motif === 'boat' ? 'harbour' : 'centre'
      const [x, y] = BACKGROUND_MOTIFS.has(thing.motif) ? [0.5, thing.motif === 'rainbow' ? 0.68 : 0.9] : findSpot(region, size, elements, rand)
      elements.push({ ...thing, x, y, size, rotation, detailSeed: (thing.detailSeed ^ member * 0x9e3779b9) >>> 0, hero: leads })
    }
  }
  return sortByDepth(elements)
}

function attach(base: Thing, hero: SceneElement): SceneElement {
  return base.motif === 'crown'
    ? { ...base, x: hero.x, y: hero.y - hero.size * 0.95, size: hero.size * 0.42, rotation: 0, attachment: 'front' }
    : { ...base, x: hero.x, y: hero.y - hero.size * 0.3, size: hero.size, rotation: 0, attachment: 'behind' }
}

/** Far things first: backgrounds, then the sky, then by height so lower things stand in front. */
function sortByDepth(elements: SceneElement[]): SceneElement[] {
  const rank = (element: SceneElement) => element.attachment === 'behind' ? 2.5 : element.attachment === 'front' ? 4
    : BACKGROUND_MOTIFS.has(element.motif) ? 0 : SKY_MOTIFS.has(element.motif) ? 1 : element.hero ? 3 : 2
  return [...elements].sort((a, b) => rank(a) - rank(b) || a.y + a.size - (b.y + b.size))
}
