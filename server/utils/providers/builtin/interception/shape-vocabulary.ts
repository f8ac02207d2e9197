import type { Bilingual } from './text-tools'

export type GermanGender = 'm' | 'f' | 'n' | 'plural'

export interface ShapeName {
  en: string
  de: string
  gender: GermanGender
  /** Plural shapes come as a small group: "three blue lines". */
  plural?: boolean
}

export const SHAPE_NAMES = {
  circle: { en: 'circle', de: 'Kreis', gender: 'm' },
  square: { en: 'square', de: 'Quadrat', gender: 'n' },
  triangle: { en: 'triangle', de: 'Dreieck', gender: 'n' },
  rectangle: { en: 'rectangle', de: 'Rechteck', gender: 'n' },
  rectangles: { en: 'rectangles', de: 'Rechtecke', gender: 'plural', plural: true },
  ellipse: { en: 'ellipse', de: 'Ellipse', gender: 'f' },
  arc: { en: 'arc', de: 'Bogen', gender: 'm' },
  star: { en: 'star', de: 'Stern', gender: 'm' },
  lines: { en: 'lines', de: 'Linien', gender: 'plural', plural: true },
  wavyLines: { en: 'wavy lines', de: 'Wellenlinien', gender: 'plural', plural: true },
  dots: { en: 'dots', de: 'Punkte', gender: 'plural', plural: true },
} as const satisfies Record<string, ShapeName>
export type ShapeKey = keyof typeof SHAPE_NAMES

/** German colours are stems that take an ending; lila and rosa never change. */
export const COLOURS = {
  red: { en: 'red', de: 'rot' }, blue: { en: 'blue', de: 'blau' }, green: { en: 'green', de: 'grün' },
  yellow: { en: 'yellow', de: 'gelb' }, orange: { en: 'orange', de: 'orange' }, purple: { en: 'purple', de: 'lila', invariant: true },
  pink: { en: 'pink', de: 'rosa', invariant: true }, black: { en: 'black', de: 'schwarz' }, white: { en: 'white', de: 'weiß' },
  grey: { en: 'grey', de: 'grau' }, brown: { en: 'brown', de: 'braun' }, gold: { en: 'golden', de: 'golden' },
  silver: { en: 'silver', de: 'silbern' }, turquoise: { en: 'turquoise', de: 'türkis' }, colourful: { en: 'colourful', de: 'bunt' },
} as const satisfies Record<string, Bilingual<string> & { invariant?: boolean }>
export type ColourKey = keyof typeof COLOURS

/** Colour words in either language, as written or as German stems. */
export const COLOUR_WORDS: Readonly<Record<string, ColourKey>> = {
  red: 'red', rot: 'red', blue: 'blue', blau: 'blue', green: 'green', grün: 'green', yellow: 'yellow', gelb: 'yellow',
  orange: 'orange', purple: 'purple', violet: 'purple', lila: 'purple', violett: 'purple', pink: 'pink', rosa: 'pink',
  black: 'black', schwarz: 'black', white: 'white', weiß: 'white', grey: 'grey', gray: 'grey', grau: 'grey', brown: 'brown',
  braun: 'brown', golden: 'gold', gold: 'gold', silver: 'silver', silbern: 'silver', turquoise: 'turquoise', türkis: 'turquoise',
  colourful: 'colourful', colorful: 'colourful', bunt: 'colourful',
}

export type Layer = 'top' | 'middle' | 'bottom'

export interface SimpleShape {
  shape: ShapeKey
  colour: ColourKey
  layer: Layer
  /** What makes the shape recognisable: "with a triangle on top". */
  detail?: Bilingual<string>
}

const s = (shape: ShapeKey, colour: ColourKey, layer: Layer, en?: string, de?: string): SimpleShape =>
  en && de ? { shape, colour, layer, detail: { en, de } } : { shape, colour, layer }

const SUN = s('circle', 'yellow', 'top')
const HOUSE = s('square', 'red', 'middle', 'with a triangle on top', 'mit Dreieck obendrauf')
const TREE = s('triangle', 'green', 'middle', 'on a brown rectangle', 'auf braunem Rechteck')
const PERSON = s('circle', 'black', 'middle', 'on a stick figure of lines', 'auf einem Strichmännchen')
const WATER = s('wavyLines', 'blue', 'bottom')
const BOAT = s('arc', 'brown', 'middle', 'with a white triangle as a sail', 'mit weißem Dreieck als Segel')

/** Nouns children draw, each reduced to one shape. Keys are lower-case, both languages and common plurals. */
export const NOUN_SHAPES: Readonly<Record<string, SimpleShape>> = {
  sun: SUN, sonne: SUN, light: SUN, licht: SUN, lamp: SUN, lampe: SUN,
  moon: s('arc', 'silver', 'top'), mond: s('arc', 'silver', 'top'),
  star: s('star', 'yellow', 'top'), stars: s('star', 'yellow', 'top'), stern: s('star', 'yellow', 'top'), sterne: s('star', 'yellow', 'top'),
  cloud: s('ellipse', 'grey', 'top'), clouds: s('ellipse', 'grey', 'top'), wolke: s('ellipse', 'grey', 'top'), wolken: s('ellipse', 'grey', 'top'),
  bird: s('arc', 'black', 'top'), birds: s('arc', 'black', 'top'), vogel: s('arc', 'black', 'top'), vögel: s('arc', 'black', 'top'),
  rain: s('lines', 'blue', 'top'), regen: s('lines', 'blue', 'top'), snow: s('dots', 'white', 'top'), schnee: s('dots', 'white', 'top'),
  rainbow: s('arc', 'colourful', 'top'), regenbogen: s('arc', 'colourful', 'top'),
  rocket: s('rectangle', 'silver', 'top', 'with a red triangle tip', 'mit roter Dreiecksspitze'), rakete: s('rectangle', 'silver', 'top', 'with a red triangle tip', 'mit roter Dreiecksspitze'),
  house: HOUSE, houses: HOUSE, haus: HOUSE, häuser: HOUSE, tree: TREE, trees: TREE, baum: TREE, bäume: TREE,
  forest: s('triangle', 'green', 'middle', 'three times in a row', 'dreimal nebeneinander'), wald: s('triangle', 'green', 'middle', 'three times in a row', 'dreimal nebeneinander'),
  flower: s('circle', 'pink', 'middle', 'with five petals', 'mit fünf Blütenblättern'), blume: s('circle', 'pink', 'middle', 'with five petals', 'mit fünf Blütenblättern'),
  flowers: s('circle', 'pink', 'middle', 'with five petals', 'mit fünf Blütenblättern'), blumen: s('circle', 'pink', 'middle', 'with five petals', 'mit fünf Blütenblättern'),
  cat: s('ellipse', 'grey', 'middle', 'with two small triangles as ears', 'mit zwei kleinen Dreiecken als Ohren'),
  katze: s('ellipse', 'grey', 'middle', 'with two small triangles as ears', 'mit zwei kleinen Dreiecken als Ohren'),
  dog: s('ellipse', 'brown', 'middle', 'with four short lines as legs', 'mit vier kurzen Linien als Beinen'),
  hund: s('ellipse', 'brown', 'middle', 'with four short lines as legs', 'mit vier kurzen Linien als Beinen'),
  horse: s('rectangle', 'brown', 'middle', 'with four lines as legs', 'mit vier Linien als Beinen'),
  pferd: s('rectangle', 'brown', 'middle', 'with four lines as legs', 'mit vier Linien als Beinen'),
  fish: s('ellipse', 'orange', 'middle', 'with a triangle tail', 'mit Dreieck als Schwanz'), fisch: s('ellipse', 'orange', 'middle', 'with a triangle tail', 'mit Dreieck als Schwanz'),
  car: s('rectangle', 'red', 'middle', 'on two black circles', 'auf zwei schwarzen Kreisen'), auto: s('rectangle', 'red', 'middle', 'on two black circles', 'auf zwei schwarzen Kreisen'),
  boat: BOAT, boot: BOAT, ship: BOAT, schiff: BOAT,
  person: PERSON, mensch: PERSON, child: PERSON, kind: PERSON, girl: PERSON, mädchen: PERSON, boy: PERSON, junge: PERSON,
  man: PERSON, mann: PERSON, woman: PERSON, frau: PERSON, children: PERSON, kinder: PERSON,
  ball: s('circle', 'red', 'middle'), apple: s('circle', 'red', 'middle', 'with a small green leaf', 'mit kleinem grünem Blatt'),
  apfel: s('circle', 'red', 'middle', 'with a small green leaf', 'mit kleinem grünem Blatt'),
  heart: s('triangle', 'red', 'middle', 'with two circles on top', 'mit zwei Kreisen obendrauf'), herz: s('triangle', 'red', 'middle', 'with two circles on top', 'mit zwei Kreisen obendrauf'),
  robot: s('square', 'silver', 'middle', 'with two circles as eyes', 'mit zwei Kreisen als Augen'), roboter: s('square', 'silver', 'middle', 'with two circles as eyes', 'mit zwei Kreisen als Augen'),
  dragon: s('triangle', 'green', 'middle', 'with a long zigzag line', 'mit langer Zickzacklinie'), drache: s('triangle', 'green', 'middle', 'with a long zigzag line', 'mit langer Zickzacklinie'),
  castle: s('rectangle', 'grey', 'middle', 'with three small squares on top', 'mit drei kleinen Quadraten obendrauf'),
  schloss: s('rectangle', 'grey', 'middle', 'with three small squares on top', 'mit drei kleinen Quadraten obendrauf'),
  burg: s('rectangle', 'grey', 'middle', 'with three small squares on top', 'mit drei kleinen Quadraten obendrauf'),
  butterfly: s('triangle', 'purple', 'middle', 'mirrored like wings', 'gespiegelt wie Flügel'), schmetterling: s('triangle', 'purple', 'middle', 'mirrored like wings', 'gespiegelt wie Flügel'),
  earth: s('circle', 'blue', 'middle', 'with green patches', 'mit grünen Flecken'), erde: s('circle', 'blue', 'middle', 'with green patches', 'mit grünen Flecken'),
  planet: s('circle', 'blue', 'middle', 'with green patches', 'mit grünen Flecken'),
  pizza: s('circle', 'yellow', 'middle', 'with red dots', 'mit roten Punkten'), cake: s('rectangle', 'pink', 'middle', 'with a row of candles', 'mit einer Reihe Kerzen'),
  kuchen: s('rectangle', 'pink', 'middle', 'with a row of candles', 'mit einer Reihe Kerzen'), torte: s('rectangle', 'pink', 'middle', 'with a row of candles', 'mit einer Reihe Kerzen'),
  unicorn: s('ellipse', 'pink', 'middle', 'with a yellow triangle as a horn', 'mit gelbem Dreieck als Horn'), einhorn: s('ellipse', 'pink', 'middle', 'with a yellow triangle as a horn', 'mit gelbem Dreieck als Horn'),
  bee: s('ellipse', 'yellow', 'middle', 'with black stripes', 'mit schwarzen Streifen'), biene: s('ellipse', 'yellow', 'middle', 'with black stripes', 'mit schwarzen Streifen'),
  tiger: s('ellipse', 'orange', 'middle', 'with black stripes', 'mit schwarzen Streifen'),
  snake: s('arc', 'green', 'middle', 'curving like an S', 'geschwungen wie ein S'), schlange: s('arc', 'green', 'middle', 'curving like an S', 'geschwungen wie ein S'),
  elephant: s('ellipse', 'grey', 'middle', 'with a long line as a trunk', 'mit langer Linie als Rüssel'), elefant: s('ellipse', 'grey', 'middle', 'with a long line as a trunk', 'mit langer Linie als Rüssel'),
  bear: s('circle', 'brown', 'middle', 'with two small circles as ears', 'mit zwei kleinen Kreisen als Ohren'), bär: s('circle', 'brown', 'middle', 'with two small circles as ears', 'mit zwei kleinen Kreisen als Ohren'),
  monster: s('square', 'purple', 'middle', 'with one big circle as an eye', 'mit einem großen Kreis als Auge'),
  fire: s('triangle', 'orange', 'middle', 'flickering red at the tip', 'mit roter Flackerspitze'), feuer: s('triangle', 'orange', 'middle', 'flickering red at the tip', 'mit roter Flackerspitze'),
  door: s('rectangle', 'brown', 'middle'), tür: s('rectangle', 'brown', 'middle'), window: s('square', 'turquoise', 'middle'), fenster: s('square', 'turquoise', 'middle'),
  city: s('rectangles', 'grey', 'middle'), stadt: s('rectangles', 'grey', 'middle'),
  mountain: s('triangle', 'grey', 'bottom'), mountains: s('triangle', 'grey', 'bottom'), berg: s('triangle', 'grey', 'bottom'), berge: s('triangle', 'grey', 'bottom'),
  sea: WATER, meer: WATER, ocean: WATER, ozean: WATER, water: WATER, wasser: WATER, river: WATER, fluss: WATER, lake: WATER, see: WATER,
  grass: s('lines', 'green', 'bottom'), gras: s('lines', 'green', 'bottom'), meadow: s('lines', 'green', 'bottom'), wiese: s('lines', 'green', 'bottom'),
  garden: s('dots', 'colourful', 'bottom'), garten: s('dots', 'colourful', 'bottom'), road: s('rectangle', 'grey', 'bottom'),
  street: s('rectangle', 'grey', 'bottom'), straße: s('rectangle', 'grey', 'bottom'), weg: s('rectangle', 'grey', 'bottom'),
  bridge: s('arc', 'grey', 'bottom'), brücke: s('arc', 'grey', 'bottom'), island: s('arc', 'green', 'bottom'), insel: s('arc', 'green', 'bottom'),
}

export const NIGHT_WORDS: ReadonlySet<string> = new Set(['night', 'nacht', 'nachts', 'dark', 'dunkel', 'space', 'weltall', 'midnight', 'mitternacht'])

/** Words in the table that mean something else in the other language ("I see", "kind", "man sagt"). */
export const FALSE_FRIENDS: Bilingual<ReadonlySet<string>> = {
  de: new Set(['man']),
  en: new Set(['see', 'kind', 'boot', 'weg']),
}
