import { parseHex, type Rgb } from './colour'
import { compoundHead, lookupWord } from '../../../server/utils/providers/builtin/prompt-words'

const NAMED: Array<[string, string[]]> = [
  ['#e0312b', ['red', 'rot', 'scarlet', 'crimson']],
  ['#f08a24', ['orange', 'apricot']],
  ['#f7cf2e', ['yellow', 'gelb']],
  ['#e8b923', ['gold', 'golden', 'goldene', 'goldig']],
  ['#46b04a', ['green', 'grün', 'gruen']],
  ['#1fb5a8', ['turquoise', 'türkis', 'cyan', 'teal', 'mint']],
  ['#2f6fd6', ['blue', 'blau']],
  ['#1c2f7a', ['navy', 'dunkelblau', 'indigo']],
  ['#8c4fd1', ['purple', 'violet', 'lila', 'violett', 'lilac', 'lavender']],
  ['#ef6fae', ['pink', 'rosa', 'magenta']],
  ['#8a5a32', ['brown', 'braun', 'chocolate']],
  ['#8d939b', ['grey', 'gray', 'grau', 'silver', 'silber', 'silbern']],
  ['#232326', ['black', 'schwarz']],
  ['#f6f4ee', ['white', 'weiß', 'weiss', 'snowy']],
  ['#ff5fa2', ['colourful', 'colorful', 'bunt']],
]

/** Things whose colour every child knows; they pull the palette more softly than colour names. */
const ASSOCIATED: Array<[string, string[]]> = [
  ['#e39b4a', ['cat', 'katze', 'kater', 'kitten', 'giraffe', 'squirrel', 'eichhörnchen']],
  ['#a3a0b8', ['mouse', 'maus', 'elephant', 'elefant', 'wolf', 'donkey', 'esel', 'robot', 'roboter']],
  ['#f1f0ff', ['wing', 'flügel', 'feather', 'feder', 'angel', 'engel']],
  ['#f2c230', ['crown', 'krone', 'queen', 'königin', 'king', 'könig', 'treasure', 'schatz', 'coin', 'münze']],
  ['#f9d23c', ['sunflower', 'sonnenblume', 'sun', 'sonne', 'banana', 'banane', 'lemon', 'zitrone', 'sunny', 'sommer', 'summer', 'cheese', 'käse']],
  ['#ff7a2f', ['fire', 'feuer', 'flame', 'flamme', 'sunset', 'sonnenuntergang', 'fox', 'fuchs', 'autumn', 'herbst', 'pumpkin', 'kürbis', 'tiger', 'lion', 'löwe']],
  ['#e2342f', ['heart', 'herz', 'love', 'liebe', 'strawberry', 'erdbeere', 'tomato', 'tomate', 'cherry', 'kirsche', 'apple', 'apfel', 'dragon', 'drache']],
  ['#2e86de', ['sea', 'meer', 'ocean', 'ozean', 'water', 'wasser', 'sky', 'himmel', 'river', 'fluss', 'whale', 'wal', 'lake', 'rain', 'regen']],
  ['#3aa655', ['forest', 'wald', 'tree', 'baum', 'grass', 'gras', 'leaf', 'blatt', 'frog', 'frosch', 'garden', 'garten', 'meadow', 'wiese', 'spring', 'frühling']],
  ['#1b1f4a', ['night', 'nacht', 'space', 'weltall', 'weltraum', 'universe', 'universum', 'cosmos', 'kosmos', 'galaxy', 'galaxie']],
  ['#d9ecf7', ['snow', 'schnee', 'ice', 'eis', 'winter', 'cloud', 'wolke', 'ghost', 'gespenst']],
  ['#f4a6c8', ['flower', 'blume', 'princess', 'prinzessin', 'unicorn', 'einhorn', 'candy', 'bonbon', 'pig', 'schwein']],
  ['#a9713d', ['bear', 'bär', 'dog', 'hund', 'horse', 'pferd', 'wood', 'holz', 'bread', 'brot', 'desert', 'wüste', 'sand']],
]

const toVocabulary = (entries: Array<[string, string[]]>) =>
  new Map(entries.flatMap(([hex, words]) => words.map(word => [word, parseHex(hex)] as const)))

const NAMED_COLOURS = toVocabulary(NAMED)
const ASSOCIATED_COLOURS = toVocabulary(ASSOCIATED)

/** The colour a word names outright: "rote", "blue", or the head of "Blauwal". */
export function namedColour(word: string): Rgb | undefined {
  return lookupWord(word, NAMED_COLOURS, false) ?? compoundHead(word, NAMED_COLOURS)
}

export const isColourWord = (word: string) => lookupWord(word, NAMED_COLOURS, false) !== undefined

export function associatedColour(word: string): Rgb | undefined {
  return lookupWord(word, ASSOCIATED_COLOURS)
}
