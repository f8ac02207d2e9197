import { englishIng, englishPlural, englishThirdPerson } from './english-forms'
import { TURKISH_VERBS, TURKISH_WORDS } from './translation-glossary-tr'
import { translateWordByWord } from './translation-word-by-word'

/** What an ending adds in English: a preposition before the word, a plural, or a verb form. */
type Effect = 'plural' | 'in' | 'from' | 'to' | 'with' | 'of' | 'none' | 'ing' | 'present' | 'verb'

interface Ending { text: string, effect: Effect, verb?: boolean }

const endings = (texts: string, effect: Effect, verb = false): Ending[] => texts.split(' ').map(text => ({ text, effect, verb }))
const PERSON = ['', 'um', 'sun', 'uz', 'sunuz', 'lar']
// Longest first, so "lerden" is tried before "den" and "ler".
const ENDINGS: readonly Ending[] = [
  ...['ıyor', 'iyor', 'uyor', 'üyor', 'yor'].flatMap(progressive => PERSON.map(person => ({ text: progressive + person, effect: 'ing' as const, verb: true }))),
  ...endings('yan yen an en', 'ing', true),
  ...endings('mak mek', 'verb', true),
  ...endings('dı di du dü tı ti tu tü', 'verb', true),
  ...endings('ar er ır ir ur ür r', 'present', true),
  ...endings('lar ler', 'plural'),
  ...endings('nda nde da de ta te', 'in'),
  ...endings('ndan nden dan den tan ten', 'from'),
  ...endings('na ne ya ye a e', 'to'),
  ...endings('yla yle la le lı li lu lü', 'with'),
  ...endings('nın nin nun nün ın in un ün', 'of'),
  ...endings('sı si su sü yı yi yu yü ı i u ü m ım im um üm', 'none'),
].sort((a, b) => b.text.length - a.text.length)

// Before a vowel ending, Turkish softens a stem's last consonant: köpek → köpeği, ağaç → ağacı.
const SOFTENED: Readonly<Record<string, string>> = { ğ: 'k', c: 'ç', b: 'p', d: 't' }
const MAX_ENDINGS = 3
const PREPOSITIONS: Partial<Record<Effect, string>> = { in: 'in the', from: 'from the', to: 'to the', with: 'with' }

interface Reading { english: string, verb: boolean }

function stemsOf(rest: string, afterVerbVowel: boolean): string[] {
  const last = rest.at(-1) ?? ''
  const stems = [rest]
  if (SOFTENED[last]) stems.push(rest.slice(0, -1) + SOFTENED[last])
  // "oynuyor" is "oyna" + "yor": the stem's last vowel narrows before it.
  if (afterVerbVowel) stems.push(`${rest}a`, `${rest}e`)
  return stems
}

function read(word: string, depth: number): Reading | undefined {
  const noun = TURKISH_WORDS[word]
  if (noun !== undefined) return { english: noun, verb: false }
  const verb = TURKISH_VERBS[word]
  if (verb !== undefined) return { english: verb, verb: true }
  if (depth >= MAX_ENDINGS) return undefined
  for (const ending of ENDINGS) {
    const rest = word.slice(0, -ending.text.length)
    if (!word.endsWith(ending.text) || rest.length < 2) continue
    for (const stem of stemsOf(rest, Boolean(ending.verb))) {
      const reading = ending.verb ? readVerb(stem) : read(stem, depth + 1)
      if (reading && reading.verb === Boolean(ending.verb)) return apply(reading, ending.effect)
    }
  }
  return undefined
}

function readVerb(stem: string): Reading | undefined {
  const verb = TURKISH_VERBS[stem]
  return verb === undefined ? undefined : { english: verb, verb: true }
}

function apply(reading: Reading, effect: Effect): Reading {
  if (reading.english === '') return reading
  if (effect === 'ing') return { english: englishIng(reading.english), verb: false }
  if (effect === 'present') return { english: englishThirdPerson(reading.english), verb: false }
  if (effect === 'verb') return { english: reading.english, verb: false }
  if (effect === 'plural') return { english: englishPlural(reading.english), verb: false }
  const preposition = PREPOSITIONS[effect]
  return { english: preposition ? `${preposition} ${reading.english}` : reading.english, verb: false }
}

/** Turkish word by word into English: endings come off until a known stem is left. */
export function translateTurkish(text: string): string {
  return translateWordByWord(text, lower => read(lower, 0)?.english, 'tr')
}
