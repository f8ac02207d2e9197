/**
 * Safety corpus: every idea of bench/data/safety-corpus.json (the lists were tuned on it) and of
 * bench/data/safety-corpus-holdout.json (written after the tuning, never tuned on) through the built-in safety provider
 * (the shipped term lists of server/assets/safety, nothing configured), at each level. Prints
 * recall (harmful ideas blocked / harmful ideas) and false-positive rate (harmless ideas blocked /
 * harmless ideas) per category, language and obfuscation, for kids and youth, and for adult and
 * research on the categories labelled for them; then the misses and false alarms at kids, whether
 * a self-harm idea got the self-harm message, and the time one check takes.
 *
 * It reads the TypeScript sources (through jiti, which Nuxt ships), not the build: no server is
 * started and nothing leaves the machine. ~5 s.
 * Env: BENCH_SAFETY_REPEAT (20): passes over the corpus for the timing; BENCH_SAFETY_CORPORA
 * (safety-corpus,safety-corpus-holdout,safety-corpus-tr-uk): the files of bench/data to run.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createJiti } from 'jiti'
import { log, markdownTable, percentile } from './lib/load.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const REPEAT = Number(process.env.BENCH_SAFETY_REPEAT ?? 20)
const LEVELS = ['kids', 'youth', 'adult', 'research']

const jiti = createJiti(import.meta.url, { alias: { '#shared': `${ROOT}shared` } })
const { SafetyTermList } = await jiti.import(`${ROOT}shared/schemas/safety.ts`)
const { BuiltinSafetyProvider } = await jiti.import(`${ROOT}server/utils/providers/builtin/safety/builtin-safety.ts`)

const listDir = `${ROOT}server/assets/safety/`
const lists = readdirSync(listDir).filter(file => file.endsWith('.json')).sort()
  .map(file => SafetyTermList.parse(JSON.parse(readFileSync(listDir + file, 'utf8'))))
const provider = new BuiltinSafetyProvider(lists)

const CORPORA = (process.env.BENCH_SAFETY_CORPORA ?? 'safety-corpus,safety-corpus-holdout,safety-corpus-tr-uk').split(',')

const ideas = []
for (const name of CORPORA) {
  const corpus = JSON.parse(readFileSync(`${ROOT}bench/data/${name}.json`, 'utf8'))
  const ideasOfCorpus = corpus.groups.flatMap(group => group.texts.map(text => ({ ...group, text, texts: undefined })))
  log(`${name}: ${ideasOfCorpus.length} ideas, ${lists.length} lists`)
  console.log(`\n### ${name}.json: ${ideasOfCorpus.length} ideas`)
  await report(ideasOfCorpus)
  ideas.push(...ideasOfCorpus)
}

async function report(ideas) {
  const verdicts = new Map()
  for (const idea of ideas) {
    const byLevel = {}
    for (const level of LEVELS) byLevel[level] = await provider.check({ text: idea.text, level, language: idea.language })
    verdicts.set(idea, byLevel)
  }

  const percent = (part, whole) => (whole === 0 ? '–' : `${(100 * part / whole).toFixed(1)} %`)

  /** Recall over the ideas labelled to block at `level`, false positives over the harmless ones. */
  function figures(selected, level) {
    const harmful = selected.filter(idea => idea.block.includes(level))
    const harmless = selected.filter(idea => idea.block.length === 0)
    const caught = harmful.filter(idea => !verdicts.get(idea)[level].safe).length
    const falseAlarms = harmless.filter(idea => !verdicts.get(idea)[level].safe).length
    return { harmful: harmful.length, caught, recall: percent(caught, harmful.length), harmless: harmless.length, falseAlarms, fpRate: percent(falseAlarms, harmless.length) }
  }

  function table(title, key, level) {
    const values = [...new Set(ideas.map(idea => idea[key]))].sort()
    const rows = [['all', figures(ideas, level)], ...values.map(value => [value, figures(ideas.filter(idea => idea[key] === value), level)])]
      .filter(([, f]) => f.harmful + f.harmless > 0)
    console.log(`\n#### ${title} at ${level}\n`)
    console.log(markdownTable([key, 'harmful', 'blocked', 'recall', 'harmless', 'blocked', 'false positives'],
      rows.map(([value, f]) => [value, f.harmful, f.caught, f.recall, f.harmless, f.falseAlarms, f.fpRate])))
  }

    for (const level of ['kids', 'youth']) {
    table('By category', 'category', level)
    table('By language', 'language', level)
    table('By obfuscation', 'obfuscation', level)
  }
  for (const level of ['adult', 'research']) table('By category', 'category', level)

  const selfHarm = ideas.filter(idea => idea.category === 'self_harm')
  const toldToTalk = selfHarm.filter(idea => verdicts.get(idea).kids.reason_code === 'self_harm').length
  console.log(`\nSelf-harm ideas answered with the self-harm message (trusted adult) at kids: ${toldToTalk}/${selfHarm.length}`)

  const misses = ideas.filter(idea => idea.block.includes('kids') && verdicts.get(idea).kids.safe)
  const falseAlarms = ideas.filter(idea => idea.block.length === 0 && !verdicts.get(idea).kids.safe)
  console.log(`\nMissed at kids (${misses.length}): ${misses.map(idea => JSON.stringify(idea.text)).join(', ')}`)
  console.log(`\nFalse alarms at kids (${falseAlarms.length}): ${falseAlarms.map(idea => `${JSON.stringify(idea.text)} (${verdicts.get(idea).kids.reason_code}: ${verdicts.get(idea).kids.matched.join(', ')})`).join(', ')}`)
}

const perCheck = []
const cpuBefore = process.cpuUsage()
for (let pass = 0; pass < REPEAT; pass++) {
  for (const idea of ideas) {
    const started = performance.now()
    await provider.check({ text: idea.text, level: 'kids', language: idea.language })
    perCheck.push(performance.now() - started)
  }
}
const cpu = process.cpuUsage(cpuBefore)
const cpuMsPerCheck = (cpu.user + cpu.system) / 1000 / perCheck.length
const longIdea = ideas.map(idea => idea.text).join(' ').slice(0, 2000)
const longStarted = performance.now()
for (let pass = 0; pass < REPEAT; pass++) await provider.check({ text: longIdea, level: 'kids', language: 'de' })
const longMs = (performance.now() - longStarted) / REPEAT
console.log(`\n#### Time per check at kids (${perCheck.length} checks)\n`)
console.log(markdownTable(['p50 ms', 'p99 ms', 'max ms', 'CPU ms per check (mean)', '2,000-character text ms'],
  [[percentile(perCheck, 0.5).toFixed(3), percentile(perCheck, 0.99).toFixed(3), Math.max(...perCheck).toFixed(3), cpuMsPerCheck.toFixed(3), longMs.toFixed(3)]]))
console.log('\nWall-clock times include waiting for the CPU on a shared machine; the CPU time per check is the steadier figure.')
