import type { InterceptionRule } from './interception-rule'
import { type Bilingual, asSentenceContinuation, pick, pickSeveral, upperFirst, withoutFinalPunctuation } from './text-tools'
import { replaceKnownWords, type WordDictionary } from './word-dictionary'

// German replacements keep the noun's gender, so the article in front still fits.
const GENTLER_WORDS: Bilingual<WordDictionary> = {
  de: {
    kampf: 'Tanz', kämpft: 'tanzt', kämpfen: 'tanzen', krieg: 'Fest', monster: 'Kuschelmonster', geist: 'Kuschelgeist',
    wolf: 'Kuschelwolf', hai: 'Schmusehai', wütend: 'grummelig', gruselig: 'geheimnisvoll', dunkel: 'dämmrig', dunkl: 'dämmrig',
    sturm: 'Säuselwind', feuer: 'Lagerfeuer', kaputt: 'geflickt', traurig: 'nachdenklich', einsam: 'friedlich', weint: 'seufzt',
    schreit: 'singt', schwert: 'Holzschwert', waffe: 'Blume', zombie: 'Schlafzombie', tot: 'schlafend', böse: 'frech',
    feind: 'Nachbar', gefahr: 'Überraschung', gefährlich: 'abenteuerlich', bombe: 'Seifenblase', explosion: 'Farbexplosion',
    blut: 'Erdbeermus', hässlich: 'ungewöhnlich', dumm: 'albern', angst: 'Aufregung', schrecklich: 'erstaunlich',
  },
  en: {
    fight: 'dance', fights: 'dances', fighting: 'dancing', war: 'festival', monster: 'cuddly monster', ghost: 'friendly ghost',
    wolf: 'fluffy wolf', shark: 'smiling shark', angry: 'grumpy', scary: 'mysterious', dark: 'twilit', storm: 'breeze',
    fire: 'campfire', broken: 'mended', sad: 'thoughtful', lonely: 'peaceful', cry: 'sigh', cries: 'sighs', scream: 'sing',
    screams: 'sings', attack: 'visit', attacks: 'visits', sword: 'wooden sword', weapon: 'flower', zombie: 'sleepy zombie',
    dead: 'sleeping', evil: 'cheeky', enemy: 'neighbour', danger: 'surprise', dangerous: 'adventurous', bomb: 'soap bubble',
    explosion: 'burst of colour', blood: 'strawberry jam', ugly: 'unusual', stupid: 'silly', fear: 'excitement', terrible: 'astonishing',
  },
}

function soften(idea: string, language: 'de' | 'en'): string {
  return replaceKnownWords(withoutFinalPunctuation(idea), GENTLER_WORDS[language], language).text
}

export const SWEETENERS: Bilingual<readonly string[]> = {
  de: ['in zarten Pastellfarben', 'alle lächeln', 'in warmen Sonnenschein getaucht', 'kleine Herzen schweben vorbei', 'in perfekter Harmonie', 'mit einem rosa Glanz'],
  en: ['in soft pastel colours', 'everyone smiling', 'bathed in warm sunshine', 'little hearts floating by', 'in perfect harmony', 'with a rosy glow'],
}

/** Hunky-dory harmonizer: every edge rounded off, and a spoonful of sugar on top. */
export const harmonizeSweetly: InterceptionRule = ({ idea, language, random }) => {
  const sweeteners = pickSeveral(random, SWEETENERS[language], 2)
  return `${upperFirst(soften(idea, language))}, ${sweeteners.join(', ')} – ${language === 'de' ? 'alles ist gut' : 'all is well'}.`
}

export const CAREFUL_OPENERS: Bilingual<readonly string[]> = {
  de: ['Behutsam und achtsam betrachtet:', 'Mit leiser Hand:', 'Ganz vorsichtig:'],
  en: ['Gently and carefully:', 'With a soft touch:', 'Quietly and with care:'],
}

export const CAREFUL_CLOSERS: Bilingual<readonly string[]> = {
  de: ['mit Raum für jedes Gefühl', 'mit freundlichen, geduldigen Augen gesehen', 'mit Respekt für alle im Bild'],
  en: ['with room for every feeling', 'seen with kind and patient eyes', 'respectful of everyone in the picture'],
}

/** Sensitive: the same idea, said carefully and kindly. */
export const rephraseSensitively: InterceptionRule = ({ idea, language, random }) => {
  const core = asSentenceContinuation(soften(idea, language), language)
  return `${pick(random, CAREFUL_OPENERS[language])} ${core}, ${pick(random, CAREFUL_CLOSERS[language])}.`
}
