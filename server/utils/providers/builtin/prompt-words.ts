/** Words that carry no picture of their own (de + en). */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'by', 'in', 'on', 'with', 'at', 'to', 'from', 'into', 'is', 'are', 'its', 'it',
  'very', 'some', 'that', 'this', 'for', 'as', 'be', 'his', 'her', 'their', 'who', 'which', 'near', 'under', 'over',
  'ein', 'eine', 'einer', 'einem', 'einen', 'eines', 'der', 'die', 'das', 'den', 'dem', 'des', 'und', 'oder', 'mit',
  'im', 'am', 'an', 'auf', 'von', 'vom', 'zu', 'zum', 'zur', 'ist', 'sind', 'beim', 'bei', 'über', 'unter', 'aus',
  'für', 'sehr', 'sein', 'seine', 'ihre', 'ihr', 'es', 'er', 'sie', 'wie', 'als', 'neben', 'hinter', 'vor',
])

/** Lower-case letter runs of a prompt, in order; umlauts and ß stay as written. */
export function promptWords(prompt: string): string[] {
  return prompt.normalize('NFC').toLowerCase().match(/\p{L}+/gu) ?? []
}

export const isStopWord = (word: string) => STOP_WORDS.has(word) || word.length < 2

const GERMAN_AND_ENGLISH_ENDINGS = ['en', 'es', 'er', 'em', 'e', 'n', 's']

/**
 * Finds a word in a vocabulary the way a child writes it: inflected ("rote", "Wale", "cats")
 * or as the tail or head of a German compound ("Sonnenblume", "Blauwal").
 */
export function lookupWord<T>(word: string, vocabulary: ReadonlyMap<string, T>, allowCompounds = true): T | undefined {
  const exact = vocabulary.get(word)
  if (exact !== undefined) return exact
  for (const ending of GERMAN_AND_ENGLISH_ENDINGS) {
    if (word.length > ending.length + 2 && word.endsWith(ending)) {
      const stem = vocabulary.get(word.slice(0, -ending.length))
      if (stem !== undefined) return stem
    }
  }
  if (!allowCompounds) return undefined
  for (let split = 3; split <= word.length - 3; split++) {
    const tail = word.slice(split)
    const found = tail.length >= 4 ? lookupWord(tail, vocabulary, false) : undefined
    if (found !== undefined) return found
  }
  return undefined
}

/** The head of a compound that names a colour, e.g. "blau" in "blauwal". */
export function compoundHead<T>(word: string, vocabulary: ReadonlyMap<string, T>): T | undefined {
  for (let split = 3; split <= Math.min(8, word.length - 3); split++) {
    const head = vocabulary.get(word.slice(0, split))
    if (head !== undefined) return head
  }
  return undefined
}
