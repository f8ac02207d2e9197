import type { InterceptionRule } from './interception-rule'
import { isWord, matchCase, pick, splitWords, type RuleLanguage } from './text-tools'
import { SOUND_ALIKES } from './sound-alikes'

const RELAY_ROUNDS = 3
const MAX_CHAIN_LENGTH = 560

// Letters children mishear for each other when whispering.
const MISHEARD_LETTERS: Readonly<Record<string, readonly string[]>> = {
  b: ['p', 'w'], p: ['b'], d: ['t', 'g'], t: ['d', 'k'], g: ['k', 'd'], k: ['g', 't'], m: ['n'], n: ['m'], f: ['w', 'v'],
  v: ['f'], w: ['v', 'b'], s: ['z', 'sch'], z: ['s'], l: ['r'], r: ['l'], a: ['o', 'e'], e: ['i', 'a'], i: ['e', 'ie'],
  o: ['u', 'a'], u: ['o'], h: ['ch'], c: ['g'], j: ['y'], y: ['j'],
}

function mishear(word: string, random: () => number): string {
  const lower = word.toLocaleLowerCase()
  const positions = [...lower].map((letter, index) => (MISHEARD_LETTERS[letter] ? index : -1)).filter(index => index >= 0)
  if (positions.length === 0) return `${word}${word.slice(-1)}`
  const position = pick(random, positions)
  const replacement = pick(random, MISHEARD_LETTERS[lower.charAt(position)] ?? [])
  return matchCase(word, lower.slice(0, position) + replacement + lower.slice(position + 1))
}

/** The gentle whisper only swaps words for the curated sound-alikes, or stretches a word's last sound. */
function mishearGently(word: string): string {
  return `${word}${word.slice(-1)}`
}

function whisperOnce(sentence: string, language: RuleLanguage, random: () => number, gentle: boolean): string {
  const tokens = splitWords(sentence)
  const wordIndexes = tokens.map((token, index) => (isWord(token) && token.length > 2 ? index : -1)).filter(index => index >= 0)
  const fallbackIndexes = tokens.map((token, index) => (isWord(token) ? index : -1)).filter(index => index >= 0)
  const known = wordIndexes.filter(index => SOUND_ALIKES[language][(tokens[index] ?? '').toLocaleLowerCase()])
  const candidates = known.length > 0 ? known : wordIndexes.length > 0 ? wordIndexes : fallbackIndexes
  if (candidates.length === 0) return sentence
  const index = pick(random, candidates)
  const word = tokens[index] ?? ''
  const alikes = SOUND_ALIKES[language][word.toLocaleLowerCase()]
  tokens[index] = alikes ? matchCase(word, pick(random, alikes)) : gentle ? mishearGently(word) : mishear(word, random)
  return tokens.join('')
}

/** Stille Post: the idea is whispered along a row of children; each one mishears a word a little. */
export const whisperAlongTheRow: InterceptionRule = ({ idea, language, random, gentle = false }) => {
  const relay = [idea.trim()]
  for (let round = 0; round < RELAY_ROUNDS; round++) {
    relay.push(whisperOnce(relay[relay.length - 1] ?? '', language, random, gentle))
  }
  const chain = relay.join(' → ')
  return chain.length <= MAX_CHAIN_LENGTH ? chain : (relay[relay.length - 1] ?? idea)
}
