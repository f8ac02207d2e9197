import type { InterceptionRule } from './interception-rule'
import { frameWithPerspective } from './perspective-frame'
import { parseStudentRules, type StudentRule } from './student-rule-parser'
import { type Bilingual, clampText, isWord, matchCase, type RuleLanguage, splitWords, tidySpacing, withoutFinalPunctuation } from './text-tools'

const MAX_NOTE_LENGTH = 200

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Matches whole words only, so replacing "cat" leaves "caterpillar" alone. */
function wholeWords(phrase: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeForRegExp(phrase)}(?![\\p{L}\\p{N}])`, 'giu')
}

function reverseWordOrder(text: string): string {
  const tokens = splitWords(text)
  const reversedWords = tokens.filter(isWord).reverse()
  let next = 0
  return tokens.map(token => (isWord(token) ? reversedWords[next++] ?? token : token)).join('')
}

function applyRule(text: string, rule: StudentRule): string {
  switch (rule.kind) {
    case 'replace': return text.replace(wholeWords(rule.from), match => matchCase(match, rule.to))
    case 'remove': return tidySpacing(text.replace(wholeWords(rule.word), ''))
    case 'add': return `${withoutFinalPunctuation(text)}, ${rule.addition}`
    case 'uppercase': return text.toLocaleUpperCase()
    case 'lowercase': return text.toLocaleLowerCase()
    case 'reverse_letters': return [...text].reverse().join('')
    case 'reverse_words': return reverseWordOrder(text)
    case 'note': return text
  }
}

const NOTE_LABEL: Bilingual<string> = { de: 'eigene Regeln', en: 'own rules' }
const NOTHING_CHANGED: Bilingual<(rules: string) => string> = {
  de: rules => `(deine Regeln „${rules}“ – diesmal gab es nichts zu ändern)`,
  en: rules => `(your rules "${rules}" – nothing to change this time)`,
}

function withNotes(text: string, notes: readonly string[], language: RuleLanguage): string {
  if (notes.length === 0) return text
  return `${text} (${NOTE_LABEL[language]}: ${clampText(notes.join('; '), MAX_NOTE_LENGTH)})`
}

/** User defined: carries out the student's own rules in the order written; what it cannot execute becomes a style note. */
export const applyStudentRules: InterceptionRule = (request) => {
  const { idea, language, context } = request
  const ownRules = context?.trim() ?? ''
  if (ownRules.length === 0) return frameWithPerspective(request)
  const rules = parseStudentRules(ownRules)
  const transformed = rules.reduce(applyRule, idea.trim())
  const notes = rules.flatMap(rule => (rule.kind === 'note' ? [rule.text] : []))
  const result = withNotes(transformed, notes, language)
  return result === idea.trim() ? `${result} ${NOTHING_CHANGED[language](clampText(ownRules, MAX_NOTE_LENGTH))}` : result
}
