import { lookupWord } from '../../../server/utils/providers/builtin/prompt-words'

/** Things a child names that get their own little drawing instead of an abstract shape. */
export type Motif =
  | 'sun' | 'moon' | 'star' | 'cloud' | 'rainbow' | 'creature' | 'bird' | 'house' | 'tree' | 'flower'
  | 'mountain' | 'heart' | 'sea' | 'bicycle' | 'car' | 'wing' | 'crown' | 'boat' | 'rocket'

export type Ears = 'pointy' | 'round' | 'long' | 'none'
export interface CreatureTraits { ears: Ears, tail: 'fish' | 'none' }

/** Where a motif belongs in a scene. */
export type Placement = 'sky' | 'ground' | 'water' | 'anywhere'

const MOTIFS: Array<[Motif, Placement, string[]]> = [
  ['sun', 'sky', ['sun', 'sonne', 'sunny', 'sonnig', 'summer', 'sommer']],
  ['moon', 'sky', ['moon', 'mond', 'planet']],
  ['star', 'sky', ['star', 'stern', 'galaxy', 'galaxie', 'sparkle', 'glitzer', 'magic', 'zauber', 'wish', 'wunsch']],
  ['cloud', 'sky', ['cloud', 'wolke', 'rain', 'regen', 'storm', 'sturm', 'weather', 'wetter', 'ghost', 'gespenst']],
  ['rainbow', 'sky', ['rainbow', 'regenbogen']],
  ['bird', 'sky', ['bird', 'vogel', 'vögel', 'seagull', 'möwe', 'eagle', 'adler', 'parrot', 'papagei']],
  ['wing', 'anywhere', ['wing', 'flügel', 'feather', 'feder', 'angel', 'engel', 'butterfly', 'schmetterling', 'fly', 'fliegen', 'fliegend', 'flying']],
  ['crown', 'anywhere', ['crown', 'krone', 'queen', 'königin', 'king', 'könig', 'prince', 'prinz', 'princess', 'prinzessin']],
  ['house', 'ground', ['house', 'haus', 'home', 'zuhause', 'castle', 'schloss', 'burg', 'tower', 'turm', 'city', 'stadt', 'school', 'schule', 'hut', 'hütte']],
  ['tree', 'ground', ['tree', 'baum', 'forest', 'wald', 'wood', 'jungle', 'dschungel', 'palm', 'palme']],
  ['flower', 'ground', ['flower', 'blume', 'blüte', 'rose', 'garden', 'garten', 'tulip', 'tulpe', 'meadow', 'wiese']],
  ['mountain', 'ground', ['mountain', 'berg', 'hill', 'hügel', 'volcano', 'vulkan', 'alps', 'alpen']],
  ['heart', 'anywhere', ['heart', 'herz', 'love', 'liebe', 'friend', 'freund', 'freundin', 'friendship', 'freundschaft', 'kiss', 'kuss']],
  ['sea', 'water', ['sea', 'meer', 'ocean', 'ozean', 'water', 'wasser', 'wave', 'welle', 'river', 'fluss', 'lake', 'beach', 'strand']],
  ['bicycle', 'ground', ['bicycle', 'bike', 'fahrrad', 'rad', 'wheel', 'scooter', 'roller']],
  ['car', 'ground', ['car', 'auto', 'bus', 'train', 'zug', 'tractor', 'traktor', 'truck', 'lastwagen', 'taxi']],
  ['rocket', 'anywhere', ['rocket', 'rakete', 'spaceship', 'raumschiff', 'ufo']],
  ['boat', 'water', ['boat', 'boot', 'ship', 'schiff', 'sail', 'segel', 'pirate', 'pirat']],
]

const CREATURES: Array<[Ears, 'fish' | 'none', string[]]> = [
  ['pointy', 'none', ['cat', 'katze', 'kater', 'kitten', 'fox', 'fuchs', 'wolf', 'tiger', 'lion', 'löwe', 'dragon', 'drache', 'owl', 'eule', 'dog', 'hund', 'puppy', 'unicorn', 'einhorn']],
  ['round', 'none', ['bear', 'bär', 'teddy', 'mouse', 'maus', 'monkey', 'affe', 'panda', 'koala', 'hamster', 'pig', 'schwein', 'cow', 'kuh', 'sheep', 'schaf', 'elephant', 'elefant']],
  ['long', 'none', ['rabbit', 'bunny', 'hase', 'kaninchen', 'horse', 'pferd', 'donkey', 'esel']],
  ['none', 'fish', ['fish', 'fisch', 'whale', 'wal', 'dolphin', 'delfin', 'delphin', 'shark', 'hai', 'mermaid', 'meerjungfrau', 'octopus', 'krake']],
  ['none', 'none', ['monster', 'alien', 'robot', 'roboter', 'frog', 'frosch', 'dinosaur', 'dino', 'snail', 'schnecke', 'penguin', 'pinguin', 'turtle', 'schildkröte', 'duck', 'ente', 'chicken', 'huhn', 'ghost', 'blob', 'creature', 'wesen', 'tier', 'animal', 'baby', 'child', 'kind', 'girl', 'mädchen', 'boy', 'junge', 'person', 'friend']],
]

const MOTIF_VOCABULARY = new Map(MOTIFS.flatMap(([motif, placement, words]) =>
  words.map(word => [word, { motif, placement }] as const)))

const CREATURE_VOCABULARY = new Map(CREATURES.flatMap(([ears, tail, words]) =>
  words.map(word => [word, { ears, tail }] as const)))

export interface WordMotif { motif: Motif, placement: Placement, creature: CreatureTraits | null }

export function motifFor(word: string): WordMotif | null {
  const creature = lookupWord(word, CREATURE_VOCABULARY)
  if (creature) return { motif: 'creature', placement: creature.tail === 'fish' ? 'water' : 'ground', creature }
  const found = lookupWord(word, MOTIF_VOCABULARY)
  return found ? { ...found, creature: null } : null
}
