import type { InterceptionRule } from './interception-rule'
import { type Bilingual, pickSeveral, upperFirst, withoutFinalPunctuation, wordsOf } from './text-tools'

const MAX_KEYWORDS = 3
const MIN_KEYWORD_LENGTH = 5

const FILLER_WORDS: Bilingual<ReadonlySet<string>> = {
  de: new Set([
    'einer', 'einem', 'einen', 'eines', 'werden', 'diese', 'dieser', 'dieses', 'durch', 'nicht', 'sondern', 'deine', 'deinen',
    'deiner', 'deinem', 'seine', 'seinen', 'etwas', 'alles', 'jeden', 'jeder', 'jedes', 'immer', 'wieder', 'schon', 'welche',
    'welcher', 'können', 'kannst', 'sollen', 'machen', 'macht', 'zwischen', 'unter', 'einfach', 'anders', 'damit', 'während',
    'ihren', 'ihrer', 'einmal', 'sieht', 'ideen', 'wird', 'wurde', 'werden', 'daraus', 'darin', 'davon', 'sodass', 'dabei',
  ]),
  en: new Set([
    'which', 'their', 'there', 'these', 'those', 'would', 'could', 'should', 'every', 'about', 'other', 'where', 'while',
    'through', 'becomes', 'become', 'makes', 'ideas', 'something', 'everything', 'thing', 'things', 'being', 'because',
    'without', 'within', 'turns', 'into', 'whatever', 'perspective', 'yours',
  ]),
}

const FRAMES: Bilingual<(idea: string, name: string, keywords: string) => string> = {
  de: (idea, name, keywords) => `${idea} – gesehen durch „${name}“${keywords ? `: ${keywords}` : ''}.`,
  en: (idea, name, keywords) => `${idea} – seen through "${name}"${keywords ? `: ${keywords}` : ''}.`,
}

// A sentence's first word is capitalised in German even when it is a verb, so it never counts as a keyword.
function wordsAfterSentenceStarts(text: string): string[] {
  return text.split(/[.!?]+/u).flatMap(sentence => wordsOf(sentence).slice(1))
}

function keywordsOf(description: string, language: 'de' | 'en', random: () => number): string[] {
  const candidates = [...new Set(wordsAfterSentenceStarts(description))]
    .filter(word => word.length >= MIN_KEYWORD_LENGTH && !FILLER_WORDS[language].has(word.toLocaleLowerCase()))
  const chosen = new Set(pickSeveral(random, candidates, MAX_KEYWORDS))
  const keywords = candidates.filter(word => chosen.has(word))
  return language === 'en' ? keywords.map(word => word.toLocaleLowerCase()) : keywords
}

/** For perspectives a school added itself: the idea framed by the perspective's own name and words. */
export const frameWithPerspective: InterceptionRule = ({ idea, language, perspective, random }) => {
  const keywords = keywordsOf(perspective.description[language], language, random)
  return FRAMES[language](upperFirst(withoutFinalPunctuation(idea)), perspective.name[language], keywords.join(', '))
}
