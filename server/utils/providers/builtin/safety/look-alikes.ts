/**
 * Cyrillic letters that look like Latin ones (or stand for them on a Latin keyboard: и for u, п
 * for n) are written as their Latin twin, letter by letter, in the checked text and in the terms
 * alike. So "bоmb" with a Cyrillic "о", "ВОМВ" in Cyrillic capitals and "bomb" are one word, and
 * "кров", "кpoв" (Latin p, o) and "KPOB" are another; because it goes letter by letter, a stem
 * term ("катува*") still meets every word it starts ("катування"). Ukrainian terms thus read as a
 * mix of scripts ("kpob"); tests/unit/.../turkish-ukrainian-lists.test.ts checks that no ordinary
 * Ukrainian word lands on a listed one.
 */
export const CYRILLIC_TWINS: Readonly<Record<string, string>> = {
  'а': 'a', 'в': 'b', 'е': 'e', 'є': 'e', 'і': 'i', 'ї': 'i', 'ј': 'j', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
  'р': 'p', 'с': 'c', 'ѕ': 's', 'т': 't', 'у': 'y', 'х': 'x', 'и': 'u', 'п': 'n',
}

// Digits typed for Cyrillic letters that have no Latin twin: "3брoя" is "зброя", "6ити" is "бити".
const CYRILLIC_DIGITS: Readonly<Record<string, string>> = { 3: 'з', 6: 'б', 4: 'ч' }
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u
const DIGIT_FOR_CYRILLIC = /[346]/g

/** In a word that still has Cyrillic letters after folding, 3, 6 and 4 are Cyrillic letters, not leet for e, b and a. */
export function withCyrillicDigits(word: string): string {
  return CYRILLIC_LETTER.test(word) ? word.replace(DIGIT_FOR_CYRILLIC, digit => CYRILLIC_DIGITS[digit] ?? digit) : word
}
