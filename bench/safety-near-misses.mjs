/**
 * Fuzzy matching's false alarms on ordinary words: every word of the system's word lists
 * (Debian's wngerman, wamerican, wbritish in /usr/share/dict, or the files named in
 * BENCH_DICTIONARIES) that a severe list flags only because it is near one of its terms.
 * Prints, per list, how many and which; a maintainer adds the harmless ones to that list as
 * "!word" so fuzzy matching never flags them. Words a list matches exactly are not counted
 * (they are the list's own decision). ~1 min.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createJiti } from 'jiti'
import { log } from './lib/load.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DICTIONARIES = (process.env.BENCH_DICTIONARIES ?? '/usr/share/dict/ngerman,/usr/share/dict/american-english,/usr/share/dict/british-english')
  .split(',').filter(file => existsSync(file))
if (DICTIONARIES.length === 0) {
  log('no word lists found: apt-get install wngerman wamerican wbritish, or set BENCH_DICTIONARIES')
  process.exit(0)
}

const jiti = createJiti(import.meta.url, { alias: { '#shared': `${ROOT}shared` } })
const { SafetyTermList } = await jiti.import(`${ROOT}shared/schemas/safety.ts`)
const { TermMatcher } = await jiti.import(`${ROOT}server/utils/providers/builtin/safety/term-matcher.ts`)
const { normalizeText } = await jiti.import(`${ROOT}server/utils/providers/builtin/safety/normalize.ts`)

const listDir = `${ROOT}server/assets/safety/`
const lists = readdirSync(listDir).filter(file => file.endsWith('.json')).sort()
  .map(file => SafetyTermList.parse(JSON.parse(readFileSync(listDir + file, 'utf8'))))
  .filter(list => list.severe)

const words = [...new Set(DICTIONARIES.flatMap(file => readFileSync(file, 'utf8').split('\n'))
  .map(word => word.trim()).filter(word => /^\p{L}+$/u.test(word)))]
log(`${words.length} words from ${DICTIONARIES.join(', ')}`)

let total = 0
for (const list of lists) {
  const withFuzzy = new TermMatcher(list)
  const exactOnly = new TermMatcher({ ...list, severe: false })
  const nearMisses = new Map()
  for (const word of words) {
    const text = normalizeText(word)
    const matched = withFuzzy.match(text)
    if (!matched || exactOnly.match(text)) continue
    nearMisses.set(text.words.join(' '), matched.join(', '))
  }
  total += nearMisses.size
  console.log(`\n${list.id}: ${nearMisses.size} words flagged only fuzzily`)
  for (const [word, terms] of [...nearMisses].sort()) console.log(`  ${word}\t(${terms})`)
}
console.log(`\n${total} in all`)
