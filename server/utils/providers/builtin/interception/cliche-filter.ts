import type { InterceptionRule } from './interception-rule'
import { type Bilingual, asSentence, mapWords } from './text-tools'

// German clichés hide inside compounds ("Regenbogenpferd", "Riesenregenbogen"); short ones only at the
// start, so "Kaffee" is no fairy.
const CLICHES: Bilingual<readonly string[]> = {
  de: [
    'sonnenuntergang', 'regenbogen', 'einhorn', 'herz', 'liebe', 'schön', 'magisch', 'traum', 'glitzer', 'sterne', 'schmetterling',
    'rose', 'prinzessin', 'drache', 'schloss', 'strand', 'palme', 'kätzchen', 'welpe', 'perfekt', 'episch', 'süß', 'niedlich',
    'zauber', 'fee', 'paradies', 'vollmond', 'blumenwiese', 'superheld', 'ninja', 'pirat', 'roboter', 'weltall',
  ],
  en: [
    'sunset', 'rainbow', 'unicorn', 'heart', 'love', 'beautiful', 'magical', 'magic', 'dream', 'sparkle', 'sparkly', 'glitter',
    'star', 'butterfly', 'rose', 'princess', 'dragon', 'castle', 'beach', 'palm', 'kitten', 'puppy', 'perfect', 'epic', 'cute',
    'fairy', 'paradise', 'superhero', 'ninja', 'pirate', 'robot', 'galaxy', 'amazing', 'awesome',
  ],
}

const EXAGGERATIONS: Bilingual<(word: string) => string> = {
  de: word => `${word.toLocaleUpperCase()} (Klischee!)`,
  en: word => `${word.toLocaleUpperCase()} (cliché!)`,
}

const VERDICTS: Bilingual<(count: number) => string> = {
  de: count => (count === 0 ? 'Klischee-Check: keins gefunden – ganz frisch!' : `Klischee-Zähler: ${count} – voll aufgedreht, damit man sie sieht!`),
  en: count => (count === 0 ? 'Cliché check: none found – totally fresh!' : `Cliché count: ${count} – turned up to the max so you can see them!`),
}

function isCliche(word: string, language: 'de' | 'en'): boolean {
  const lower = word.toLocaleLowerCase()
  if (language === 'de') return CLICHES.de.some(cliche => lower.startsWith(cliche) || (cliche.length >= 6 && lower.includes(cliche)))
  return CLICHES.en.some(cliche => lower === cliche || lower === `${cliche}s` || lower === `${cliche}es`)
}

/** Klischeefilter: spots the expected words and makes them impossible to overlook. */
export const exposeCliches: InterceptionRule = ({ idea, language }) => {
  let found = 0
  const marked = mapWords(idea, (word) => {
    if (!isCliche(word, language)) return word
    found++
    return EXAGGERATIONS[language](word)
  })
  return `${asSentence(marked)} ${VERDICTS[language](found)}`
}
