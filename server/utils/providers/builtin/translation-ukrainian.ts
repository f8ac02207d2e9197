import { englishThirdPerson } from './english-forms'
import { UKRAINIAN_WORDS } from './translation-glossary-uk'
import { translateWordByWord } from './translation-word-by-word'

// Case, gender, number and verb endings, longest first: "драконом" and "дракона" share "дракон".
const ENDINGS = [
  'ватися', 'увати', 'ювати', 'атися', 'итися', 'ітися', 'ються', 'ється', 'ими', 'ами', 'ями', 'ові', 'еві', 'ого', 'ому',
  'ими', 'іми', 'ати', 'яти', 'ити', 'іти', 'ють', 'уть', 'ать', 'ять', 'ить', 'іть', 'ала', 'ало', 'али', 'ила', 'ило', 'или',
  'ий', 'ій', 'ою', 'єю', 'ею', 'ах', 'ях', 'ів', 'ям', 'ам', 'ом', 'ем', 'ої', 'ої', 'ої', 'их', 'іх', 'им', 'ім', 'ує', 'ює',
  'ає', 'яє', 'ти', 'ть', 'ла', 'ло', 'ли', 'ав', 'ив', 'а', 'я', 'у', 'ю', 'і', 'и', 'о', 'е', 'є', 'ь', 'в',
].sort((a, b) => b.length - a.length)
const MIN_STEM = 3
const APOSTROPHES = /[’ʼ`]/g

function stemOf(word: string): string {
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length)
  }
  return word
}

// Endings that mark a verb in the present or past: their stem is looked up among verbs first.
const VERB_ENDINGS = new Set(['ється', 'ються', 'ться', 'ють', 'уть', 'ать', 'ять', 'ить', 'іть', 'ає', 'яє', 'ує', 'ює', 'є', 'е', 'ла', 'ло', 'ли', 'в'])
const THIRD_PERSON_ENDINGS = new Set(['ється', 'ться', 'ить', 'іть', 'ає', 'яє', 'ує', 'ює', 'є', 'е'])
const VERB_LEMMA = /(?:ти|тися)$/

/**
 * Every dictionary form under its stem. A verb also under its form without "-ти" ("літати" →
 * "літа", as in "літає") and, in "-увати"/"-ювати", under its present stem ("малювати" → "малю",
 * as in "малює"). The first word listed for a stem keeps it.
 */
function stemIndex(verbs: boolean): ReadonlyMap<string, string> {
  const stems = new Map<string, string>()
  const add = (stem: string, english: string) => {
    if (stem.length >= MIN_STEM && !stems.has(stem)) stems.set(stem, english)
  }
  for (const [word, english] of Object.entries(UKRAINIAN_WORDS)) {
    if (VERB_LEMMA.test(word) !== verbs) continue
    if (verbs) {
      add(word.replace(VERB_LEMMA, ''), english)
      const present = /^(.+[ую])вати(?:ся)?$/.exec(word)
      if (present) add(present[1]!, english)
    }
    else add(stemOf(word), english)
  }
  return stems
}
const NOUN_STEMS = stemIndex(false)
const VERB_STEMS = stemIndex(true)
// Shortest ending first: the longest stem left is the most telling ("літає" is "літа" + "є", not "літ" + "ає").
const ENDINGS_SHORTEST_FIRST = [...ENDINGS].reverse()

function lookUp(lower: string): string | undefined {
  const word = lower.replace(APOSTROPHES, '\'')
  const direct = UKRAINIAN_WORDS[word]
  if (direct !== undefined) return direct
  for (const ending of ENDINGS_SHORTEST_FIRST) {
    if (!word.endsWith(ending) || word.length - ending.length < MIN_STEM) continue
    const stem = word.slice(0, -ending.length)
    const verb = VERB_ENDINGS.has(ending) ? VERB_STEMS.get(stem) : undefined
    if (verb !== undefined) return THIRD_PERSON_ENDINGS.has(ending) ? englishThirdPerson(verb) : verb
    const english = NOUN_STEMS.get(stem) ?? VERB_STEMS.get(stem)
    if (english !== undefined) return english
  }
  return NOUN_STEMS.get(word)
}

/** Ukrainian word by word into English: a word is found by its dictionary form or its stem. */
export function translateUkrainian(text: string): string {
  return translateWordByWord(text, lookUp, 'uk')
}
