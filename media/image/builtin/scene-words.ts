import { lookupWord } from '../../../server/utils/providers/builtin/prompt-words'

/** The world a picture happens in; it sets sky, ground and the little extras. */
export type Backdrop = 'day' | 'space' | 'night' | 'underwater' | 'sunset' | 'snow'

const BACKDROPS: Array<[Backdrop, string[]]> = [
  ['space', ['space', 'weltall', 'weltraum', 'universe', 'universum', 'cosmos', 'kosmos', 'galaxy', 'galaxie', 'rocket', 'rakete', 'astronaut', 'planet', 'planeten']],
  ['night', ['night', 'nacht', 'dark', 'dunkel', 'midnight', 'mitternacht', 'moonlight', 'mondschein', 'dream', 'traum']],
  ['underwater', ['underwater', 'unterwasser', 'deep', 'tief', 'tiefsee', 'meeresgrund', 'dive', 'tauchen', 'coral', 'koralle', 'aquarium']],
  ['sunset', ['sunset', 'sonnenuntergang', 'evening', 'abend', 'dusk', 'sunrise', 'sonnenaufgang', 'morning', 'morgen']],
  ['snow', ['snow', 'schnee', 'winter', 'ice', 'eis', 'frozen', 'christmas', 'weihnachten', 'arctic', 'arktis']],
]

const BACKDROP_VOCABULARY = new Map(BACKDROPS.flatMap(([backdrop, words]) => words.map(word => [word, backdrop] as const)))

export const isBackdropWord = (word: string) => lookupWord(word, BACKDROP_VOCABULARY) !== undefined

/** The first word that names a world wins; most ideas happen on a sunny day. */
export function backdropFor(words: readonly string[]): Backdrop {
  for (const word of words) {
    const backdrop = lookupWord(word, BACKDROP_VOCABULARY)
    if (backdrop) return backdrop
  }
  return 'day'
}
