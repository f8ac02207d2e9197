import type { InterceptionRule } from './interception-rule'
import { type Bilingual, asSentenceContinuation, pick, withoutFinalPunctuation } from './text-tools'
import { replaceKnownWords, type WordDictionary } from './word-dictionary'

const SLANG_WORDS: Bilingual<WordDictionary> = {
  de: {
    sehr: 'mega', gut: 'nice', gute: 'nice', guter: 'nicer', tolle: 'krasse', toller: 'krasser', toll: 'krass', super: 'mega', schön: 'wild schön', cool: 'fly', lustig: 'lit', komisch: 'sus',
    seltsam: 'sus', langweilig: 'cringe', peinlich: 'cringe', verrückt: 'wild', wirklich: 'safe', echt: 'no cap', ja: 'safe',
    freund: 'Bro', freunde: 'Squad', freundin: 'Bestie', freundinnen: 'Besties', mann: 'Ehrenmann', frau: 'Ehrenfrau',
    hallo: 'Moin', auto: 'Karre', geld: 'Kohle', hund: 'Doggo', party: 'Party mit Vibe', stimmung: 'Vibe',
    ausruhen: 'chillen', entspannen: 'chillen', ruht: 'chillt', essen: 'snacken', isst: 'snackt', müde: 'komplett lost',
    verwirrt: 'lost', schnell: 'turbo', stark: 'stabil', glücklich: 'happy', traurig: 'sad',
    angst: 'Panik', schule: 'Schule (lost)', lehrer: 'Lehrer-Boss', eltern: 'Elternteam', prima: 'top', spannend: 'krass spannend',
  },
  en: {
    very: 'super', good: 'fire', great: 'goated', nice: 'fire', cool: 'drip', beautiful: 'slay', pretty: 'cute',
    friend: 'bestie', friends: 'squad', really: 'lowkey', funny: 'hilarious fr', boring: 'mid', strange: 'sus', weird: 'sus',
    relax: 'chill', relaxing: 'chilling', party: 'function', crazy: 'wild', yes: 'bet', dog: 'doggo', cat: 'kitty', money: 'bread',
    hello: 'yo', hi: 'yo', tired: 'totally wiped', confused: 'lost', fast: 'speedrun-fast', strong: 'built different',
    brave: 'main-character brave', happy: 'vibing', sad: 'in my feels', excellent: 'elite', amazing: 'insane', awesome: 'bussin',
    clothes: 'fit', outfit: 'fit', school: 'school (ugh)', teacher: 'teach', parents: 'the folks', exciting: 'hype',
  },
}

// "Digga" is real slang, but a fuzzy match reads it as a slur: a perspective's own words must never trip a list.
const OPENERS: Bilingual<readonly string[]> = {
  de: ['Sheesh,', 'Alter,', 'Bro, hör zu:', 'Okay, also:'],
  en: ['Bro,', 'Yo,', 'Okay so,', 'Sheesh,', 'Lowkey,'],
}

const CLOSERS: Bilingual<readonly string[]> = {
  de: ['– no cap.', '– voll der Vibe!', '– läuft bei dir!', '– gönn dir!', '– Ehrenmove!'],
  en: ['– no cap.', "– it's giving main character.", 'fr fr.', "– that's a whole vibe!", '– big slay energy!'],
}

const GENTLE_OPENER: Bilingual<string> = { de: 'Okay, also:', en: 'Okay so,' }

/** Jugendsprache: everyday words swapped for slang, wrapped in how teenagers talk; the gentle variant only frames the idea. */
export const talkLikeATeenager: InterceptionRule = ({ idea, language, random, gentle }) => {
  const opener = pick(random, OPENERS[language])
  const closer = pick(random, CLOSERS[language])
  if (gentle) return `${GENTLE_OPENER[language]} ${asSentenceContinuation(withoutFinalPunctuation(idea), language)} ${CLOSERS[language][0]}`
  const slangy = replaceKnownWords(withoutFinalPunctuation(idea), SLANG_WORDS[language], language, false).text
  return `${opener} ${asSentenceContinuation(slangy, language)} ${closer}`
}
