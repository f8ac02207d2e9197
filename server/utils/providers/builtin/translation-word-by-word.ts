import { isShouted, isWord, splitWords, upperFirst } from './interception/text-tools'

/**
 * Word by word into English: each word looked up by the language's own rule, unknown words kept
 * as they are; a capital at a sentence start and shouted words carry over.
 */
export function translateWordByWord(text: string, lookUp: (lower: string) => string | undefined, locale: string): string {
  let atSentenceStart = true
  const output = splitWords(text).map((token) => {
    if (!isWord(token)) {
      if (/[.!?:]/u.test(token)) atSentenceStart = true
      return token
    }
    const english = lookUp(token.toLocaleLowerCase(locale))
    const wasStart = atSentenceStart
    atSentenceStart = false
    if (english === undefined) return token
    if (english === '') return ''
    if (isShouted(token)) return english.toLocaleUpperCase()
    return wasStart ? upperFirst(english) : english
  })
  return output.join('')
    .replace(/ {2,}/g, ' ')
    .replace(/^ +| +(?=[.,!?])/gm, '')
    .replace(/\b([aA]) (?=(?!uni|use|eu|one)[aeiouAEIOU])/g, '$1n ')
}
