import type { InterceptionRule } from './interception-rule'
import { isCapitalised, isShouted, mapWords, upperFirst } from './text-tools'

const ENGLISH_VOWEL = /[aeiou]/i

/** Where the first vowel sound starts; "y" and the "u" of "qu" count as consonants at the start. */
function firstVowelSoundIndex(word: string): number {
  const lower = word.toLowerCase()
  for (let index = 0; index < lower.length; index++) {
    const letter = lower.charAt(index)
    if (letter === 'u' && lower.charAt(index - 1) === 'q') continue
    if (ENGLISH_VOWEL.test(letter) || (letter === 'y' && index > 0)) return index
  }
  return -1
}

/** Classic Pig Latin: "hello" → "ellohay", "apple" → "appleway", "string" → "ingstray". */
export function toPigLatin(word: string): string {
  if (word.includes('-')) return word.split('-').map(toPigLatin).join('-')
  if (!/^[a-z'’]+$/i.test(word)) return word
  const vowelIndex = firstVowelSoundIndex(word)
  const lower = word.toLowerCase()
  const pig = vowelIndex === 0 ? `${lower}way` : vowelIndex < 0 ? `${lower}ay` : `${lower.slice(vowelIndex)}${lower.slice(0, vowelIndex)}ay`
  if (isShouted(word)) return pig.toUpperCase()
  return isCapitalised(word) ? upperFirst(pig) : pig
}

const GERMAN_VOWEL_SOUND = /(äu|au|eu|ei|ai|ie|aa|ee|oo|[aeiouäöüy])/giu

/** Löffelsprache, the German playground secret language: every vowel sound gets "lew" and itself again ("Hallo" → "Halewallolewo"). */
export function toLoeffelsprache(word: string): string {
  const shouted = isShouted(word)
  return word.replace(GERMAN_VOWEL_SOUND, (vowel) => {
    const echo = `lew${vowel.toLocaleLowerCase()}`
    return `${vowel}${shouted ? echo.toLocaleUpperCase() : echo}`
  })
}

export const speakPigLatin: InterceptionRule = ({ idea, language }) =>
  mapWords(idea, language === 'en' ? toPigLatin : toLoeffelsprache)
