import type { InterceptionRule } from './interception-rule'
import { type Bilingual, pick, splitWords, isWord, withoutFinalPunctuation, upperFirst } from './text-tools'
import { replaceKnownWords, type WordDictionary } from './word-dictionary'

const BOOSTERS: Bilingual<WordDictionary> = {
  de: {
    groß: 'gigantisch', klein: 'winzig', schnell: 'blitzschnell', laut: 'donnernd', gut: 'phänomenal', schlecht: 'katastrophal',
    glücklich: 'überglücklich', froh: 'überglücklich', traurig: 'todtraurig', wütend: 'rasend', kalt: 'eiskalt', heiß: 'glühend heiß',
    hell: 'gleißend', dunkel: 'pechschwarz', dunkl: 'pechschwarz', stark: 'unbändig', schön: 'atemberaubend', hoch: 'himmelhoch',
    alt: 'uralt', nass: 'klatschnass', müde: 'hundemüde', lustig: 'urkomisch', bunt: 'knallbunt', rot: 'feuerrot',
    blau: 'tiefblau', grün: 'giftgrün', gelb: 'knallgelb', weiß: 'schneeweiß', schwarz: 'rabenschwarz', leise: 'totenstill',
    viel: 'unendlich viel', viele: 'unzählige', sehr: 'extrem', mutig: 'furchtlos', wild: 'rasend wild', weich: 'butterweich',
  },
  en: {
    big: 'gigantic', large: 'enormous', small: 'tiny', little: 'minuscule', fast: 'lightning-fast', quick: 'lightning-quick',
    loud: 'thunderous', good: 'phenomenal', bad: 'catastrophic', happy: 'ecstatic', sad: 'heartbroken', angry: 'furious',
    cold: 'freezing', hot: 'scorching', bright: 'blinding', dark: 'pitch-black', tall: 'towering', strong: 'unstoppable',
    beautiful: 'breathtaking', nice: 'magnificent', old: 'ancient', wet: 'soaking', tired: 'exhausted', funny: 'hilarious',
    colourful: 'blazing-colourful', colorful: 'blazing-colorful', red: 'fire-red', blue: 'deep-blue', green: 'toxic-green',
    yellow: 'glaring-yellow', white: 'snow-white', black: 'jet-black', quiet: 'dead-silent', many: 'countless',
    very: 'extremely', brave: 'fearless', wild: 'ferocious', soft: 'cloud-soft', high: 'sky-high',
  },
}

interface IntensityLevel {
  openers: Bilingual<readonly string[]>
  powerPhrases: Bilingual<readonly string[]>
  exclamation: string
}

const FORCEFUL: IntensityLevel = {
  openers: { de: ['Mit voller Wucht:', 'Kraftvoll:', 'Ganz entschlossen:'], en: ['With full force:', 'Powerfully:', 'Boldly:'] },
  powerPhrases: {
    de: ['kraftvoll und entschlossen', 'mit starken Kontrasten', 'mit festen, breiten Strichen'],
    en: ['powerful and bold', 'with strong contrasts', 'with firm, broad strokes'],
  },
  exclamation: '!',
}

const OVERDRIVE: IntensityLevel = {
  openers: { de: ['VOLLGAS:', 'TURBO:', 'MAXIMAL:'], en: ['FULL THROTTLE:', 'TURBO MODE:', 'MAXIMUM POWER:'] },
  powerPhrases: {
    de: ['größer als je zuvor', 'lauter als ein Donnerschlag', 'heller als tausend Sonnen', 'das Extremste überhaupt'],
    en: ['bigger than ever before', 'louder than a thunderclap', 'brighter than a thousand suns', 'the most extreme ever'],
  },
  exclamation: '!!!',
}

/** Shouts one of the longer words, picked by seed among the three longest. */
function shoutOneWord(text: string, random: () => number): string {
  const tokens = splitWords(text)
  const longest = tokens
    .map((token, index) => ({ token, index }))
    .filter(({ token }) => isWord(token))
    .sort((a, b) => b.token.length - a.token.length || a.index - b.index)
    .slice(0, 3)
  if (longest.length === 0) return text
  const chosen = pick(random, longest)
  tokens[chosen.index] = chosen.token.toLocaleUpperCase()
  return tokens.join('')
}

function intensify(level: IntensityLevel): InterceptionRule {
  return ({ idea, language, random }) => {
    const boosted = replaceKnownWords(withoutFinalPunctuation(idea), BOOSTERS[language], language).text
    const shouted = upperFirst(shoutOneWord(boosted, random))
    return `${pick(random, level.openers[language])} ${shouted} – ${pick(random, level.powerPhrases[language])}${level.exclamation}`
  }
}

/** Forceful: stronger words, one word shouted, an exclamation mark. */
export const makeForceful = intensify(FORCEFUL)

/** Overdrive: everything turned up past the limit. */
export const pushIntoOverdrive = intensify(OVERDRIVE)
