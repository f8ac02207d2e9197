import type { Language } from '#shared/schemas/common'
import { writingLanguage, type WritingLanguage } from '../../text-language'
import { isStopWord, promptWords } from '../../../server/utils/providers/builtin/prompt-words'

const WORDS_PER_LINE = 5
const VERSE_LINES = 3

const REFRAIN: Record<WritingLanguage, (first: string, second: string) => string> = {
  de: (first, second) => `Oh ${first}, oh ${second}!`,
  en: (first, second) => `Oh ${first}, oh ${second}!`,
}
const FALLBACK: Record<WritingLanguage, string> = { de: 'la la la', en: 'la la la' }

/**
 * Song words from the perspective's text: its clauses cut into short lines (the perspective's
 * manner is already in the text), and a refrain of the idea's two longest words that comes back
 * after the second and the last line. The same text always gives the same lyrics.
 */
export function writeBuiltinLyrics(text: string, idea: string, language: Language): string {
  const clauses = text.split(/[.!?;:,–—\n]+/).map(clause => clause.trim()).filter(clause => /\p{L}/u.test(clause))
  const lines: string[] = []
  for (const clause of clauses) {
    const words = clause.split(/\s+/)
    for (let start = 0; start < words.length && lines.length < VERSE_LINES; start += WORDS_PER_LINE) lines.push(words.slice(start, start + WORDS_PER_LINE).join(' '))
    if (lines.length >= VERSE_LINES) break
  }
  const keywords = [...new Set(promptWords(idea).filter(word => !isStopWord(word) && word.length > 2))]
    .map((word, index) => ({ word, index })).sort((a, b) => b.word.length - a.word.length || a.index - b.index).slice(0, 2)
    .sort((a, b) => a.index - b.index).map(({ word }) => word)
  const refrain = keywords.length > 0 ? REFRAIN[writingLanguage(language)](keywords[0]!, keywords[1] ?? keywords[0]!) : FALLBACK[writingLanguage(language)]
  if (lines.length === 0) return [refrain, refrain].join('\n')
  return [...lines.slice(0, 2), refrain, ...lines.slice(2), refrain].join('\n')
}
