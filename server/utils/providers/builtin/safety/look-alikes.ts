/**
 * Letters that look the same in Latin and Cyrillic script. A word written mostly in one script
 * has its look-alikes from the other turned into its own: "bоmb" with a Cyrillic "о" is "bomb",
 * "вбuтu" with Latin "u" stays a Cyrillic word ("вбити" has no look-alike for "и", so it is left
 * to the lists' fuzzy matching), "кpoв" with Latin "p" and "o" is "кров". Upper-case look-alikes
 * (В, Н, М, Т) are listed by their lower-case letters: words are lower-cased before this.
 */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  'а': 'a', 'в': 'b', 'е': 'e', 'є': 'e', 'і': 'i', 'ї': 'i', 'ј': 'j', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
  'р': 'p', 'с': 'c', 'ѕ': 's', 'т': 't', 'у': 'y', 'х': 'x',
}
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
  // Not alike in print, but what a Latin keyboard offers for и and п.
  u: 'и', n: 'п',
  // Digits typed for Cyrillic letters: "в0йна", "3брoя", "6ити".
  '0': 'о', '3': 'з', '6': 'б', '4': 'ч', '@': 'а',
}
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/gu
const LATIN_LETTER = /\p{Script=Latin}/gu

/** Mostly Cyrillic letters (a tie counts as Latin, the script of most lists' terms). */
export function isCyrillicWord(word: string): boolean {
  const cyrillic = word.match(CYRILLIC_LETTER)?.length ?? 0
  return cyrillic > 0 && cyrillic > (word.match(LATIN_LETTER)?.length ?? 0)
}

/** The word in the one script most of its letters are written in. */
export function inOneScript(word: string): string {
  const table = isCyrillicWord(word) ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN
  let result = ''
  for (const character of word) result += table[character] ?? character
  return result
}
