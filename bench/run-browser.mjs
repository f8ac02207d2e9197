// The leader's run browser with 100,000 runs stored: seeds synthetic runs straight into a data
// dir (metadata.json per run, participants, sessions and the index log, as the server writes
// them), starts the built server, signs in and times GET /api/admin/runs with typical filters.
// Then it deletes the index file and restarts, to time the one-off rebuild from the run folders.
import { randomUUID } from 'node:crypto'
import { createWriteStream, promises as fsp, readFileSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { makeTempDir, startAppServer } from './lib/server.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 100_000)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200)
const SESSIONS = 100
const PARTICIPANTS_PER_SESSION = 30
const PASSWORD = 'bench-password-123'
const PERSPECTIVES = ['bauhaus', 'renaissance', 'clichefilter', 'surrealism', 'pop_art', 'haiku']
const STATUSES = ['completed', 'completed', 'completed', 'completed', 'blocked', 'failed', 'awaiting_output', 'cancelled']
const WORDS = 'Haus Meer Boot Turm Glas Düne Apfel Äpfel Katze Hund Wolke Regen Sonne Mond Stern Wald Baum Blume Straße Brücke Stadt Zug Vogel Fisch Berg Fluss Garten Schule Freund Drache Ritter Schloss Insel Palme Rakete Roboter Musik Farbe blau rot grün gelb groß klein leise laut fliegt schwimmt tanzt singt leuchtet'.split(' ')

const log = message => process.stderr.write(`${message}\n`)
let seed = 42
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = list => list[Math.floor(random() * list.length)]
const sentence = words => Array.from({ length: words }, () => pick(WORDS)).join(' ')

async function seedDataDir(dataDir) {
  const started = performance.now()
  const now = new Date().toISOString()
  const sessions = Array.from({ length: SESSIONS }, (_, n) => ({ id: `s-bench${String(n).padStart(4, '0')}`, participants: [] }))
  await fsp.mkdir(join(dataDir, 'sessions'), { recursive: true })
  for (const session of sessions) {
    for (let p = 0; p < PARTICIPANTS_PER_SESSION; p++) {
      const participant = { participant_id: randomUUID(), session_id: session.id, pseudonym: `${pick(WORDS)} ${p}`, created_at: now }
      session.participants.push(participant.participant_id)
      await fsp.mkdir(join(dataDir, 'participants', participant.participant_id), { recursive: true })
      await fsp.writeFile(join(dataDir, 'participants', participant.participant_id, 'participant.json'), JSON.stringify(participant))
    }
    await fsp.writeFile(join(dataDir, 'sessions', `${session.id}.json`), JSON.stringify({
      id: session.id, name: `Kurs ${session.id.slice(7)}`, join_code: null, safety_level: 'kids', perspectives: null, outputs: null,
      limits: { runs_per_hour: 30, runs_in_progress: 2 }, open: false, archived: false, retention: 'global', created_at: now, updated_at: now, created_by: 'bench',
    }))
  }
  // Runs spread over the last 365 days, oldest first, as they would have been written.
  const first = Date.now() - 365 * 86_400_000
  await fsp.mkdir(join(dataDir, 'index'), { recursive: true })
  const index = createWriteStream(join(dataDir, 'index', 'runs.jsonl'))
  index.write(`${JSON.stringify({ index: 'runs', version: 1 })}\n`)
  const pending = new Set()
  for (let n = 0; n < RUNS; n++) {
    const session = sessions[n % SESSIONS]
    const run = syntheticRun(session, new Date(first + (n / RUNS) * 365 * 86_400_000).toISOString())
    if (!index.write(`${JSON.stringify({ put: summaryOf(run) })}\n`)) await once(index, 'drain')
    const write = fsp.mkdir(join(dataDir, 'runs', run.run_id), { recursive: true })
      .then(() => fsp.writeFile(join(dataDir, 'runs', run.run_id, 'metadata.json'), `${JSON.stringify(run, null, 2)}\n`))
    pending.add(write)
    write.then(() => pending.delete(write))
    if (pending.size >= 64) await Promise.race(pending)
    if (n % 20_000 === 0 && n) log(`  seeded ${n} runs`)
  }
  await Promise.all(pending)
  index.end()
  await once(index, 'finish')
  return performance.now() - started
}

function syntheticRun(session, createdAt) {
  const status = pick(STATUSES)
  const runId = randomUUID()
  const hasOutput = status === 'completed'
  return {
    schema_version: 1, run_id: runId, created_at: createdAt, updated_at: createdAt, status, stage: 'generation',
    session_id: session.id, participant_id: pick(session.participants), favourite: random() < 0.1, hidden: random() < 0.01,
    perspective: pick(PERSPECTIVES), context: null, language: 'de', safety_level: pick(['kids', 'youth']), seed: 1,
    output: 'image', input_text: sentence(8 + Math.floor(random() * 20)), interception_text: sentence(30 + Math.floor(random() * 40)),
    generation_prompt: null, stages: [], prompt_history: [], progress: null, blocked: null, error: null, attempts: 1, cancel_requested: false, instance_id: null,
    outputs: hasOutput ? [{ type: 'image', filename: 'output-image.png', mime: 'image/png', bytes: 1, width: 512, height: 512, duration_s: null, sha256: '0'.repeat(64), provider: 'builtin', config: 'image', thumbnail: 'thumbnail-image.webp', created_at: createdAt }] : [],
  }
}

/** The same fields as server/utils/run-index/run-summary.ts writes to the log. */
function summaryOf(run) {
  const first = run.outputs[0]
  return {
    run_id: run.run_id, created_at: run.created_at, updated_at: run.updated_at, session_id: run.session_id, participant_id: run.participant_id,
    perspective: run.perspective, output: run.output, output_type: first?.type ?? null, status: run.status, safety_level: run.safety_level,
    hidden: run.hidden, favourite: run.favourite, input_text: run.input_text, interception_text: run.interception_text,
    thumbnail: first?.thumbnail ?? null, media_file: first?.filename ?? null,
  }
}

async function signIn(url) {
  const response = await fetch(`${url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: PASSWORD }) })
  if (!response.ok) throw new Error(`POST /api/admin/login answered ${response.status}`)
  return response.headers.getSetCookie().map(line => line.split(';')[0]).join('; ')
}

const rssMb = pid => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]

async function timeQueries(server, cookie) {
  const day = offset => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10)
  const kinds = {
    'no filter, first page': () => '',
    'session': () => `?session_id=s-bench${String(Math.floor(random() * SESSIONS)).padStart(4, '0')}`,
    'status=failed': () => '?status=failed',
    'text search (one word)': () => `?q=${encodeURIComponent(pick(WORDS).toLowerCase())}`,
    'text search (two words, rare)': () => `?q=${encodeURIComponent(`${pick(WORDS)} ${pick(WORDS)}`)}`,
    'date range (one week)': () => { const start = 7 + Math.floor(random() * 300); return `?from=${day(start)}&to=${day(start - 6)}` },
    'deep offset (90,000)': () => '?offset=90000&limit=50',
    'session + status + text': () => `?session_id=s-bench0007&status=completed&q=${encodeURIComponent(pick(WORDS))}`,
  }
  const names = Object.keys(kinds)
  const timings = Object.fromEntries(names.map(name => [name, { ms: [], total: 0 }]))
  // Warm-up: JIT and the first file reads of participants and sessions.
  for (let i = 0; i < 20; i++) await fetch(`${server.url}/api/admin/runs`, { headers: { cookie } }).then(r => r.arrayBuffer())
  for (let i = 0; i < QUERIES; i++) {
    const name = names[i % names.length]
    const started = performance.now()
    const response = await fetch(`${server.url}/api/admin/runs${kinds[name]()}`, { headers: { cookie } })
    const body = await response.json()
    if (!response.ok) throw new Error(`${name}: ${response.status} ${JSON.stringify(body)}`)
    timings[name].ms.push(performance.now() - started)
    timings[name].total += body.total
  }
  return names.map((name) => {
    const sorted = timings[name].ms.sort((a, b) => a - b)
    return { name, n: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), matches: Math.round(timings[name].total / sorted.length) }
  })
}

const dataDir = makeTempDir('ai4artsed-bench-runs-')
try {
  log(`seeding ${RUNS} runs into ${dataDir} …`)
  const seedMs = await seedDataDir(dataDir)
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s`)
  const env = { NUXT_DATA_DIR: dataDir, NUXT_ADMIN_PASSWORD: PASSWORD }
  let server = await startAppServer({ env })
  const cookie = await signIn(server.url)
  await fetch(`${server.url}/api/admin/runs?limit=1`, { headers: { cookie } })
  const loaded = /run index loaded: (\d+) runs in (\d+) ms/.exec(server.output())
  const rows = await timeQueries(server, cookie)
  const rss = rssMb(server.pid)
  await server.stop()

  await fsp.rm(join(dataDir, 'index'), { recursive: true, force: true })
  server = await startAppServer({ env })
  const rebuildCookie = await signIn(server.url)
  await fetch(`${server.url}/api/admin/runs?limit=1`, { headers: { cookie: rebuildCookie } })
  const rebuilt = /run index rebuilt: (\d+) runs .* in (\d+) ms/.exec(server.output())
  const rssAfterRebuild = rssMb(server.pid)
  await server.stop()

  console.log(`#### Run browser: ${RUNS.toLocaleString('en')} runs, ${QUERIES} queries of GET /api/admin/runs (limit 50), one at a time\n`)
  console.log('| query | n | p50 ms | p95 ms | matches |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const row of rows) console.log(`| ${row.name} | ${row.n} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.matches.toLocaleString('en')} |`)
  console.log(`\nseeding ${(seedMs / 1000).toFixed(1)} s; index loaded from runs.jsonl at start: ${loaded ? `${Number(loaded[1]).toLocaleString('en')} runs in ${loaded[2]} ms` : 'n/a'}; server RSS after the queries: ${rss} MB.`)
  console.log(`Rebuild without index file: ${rebuilt ? `${Number(rebuilt[1]).toLocaleString('en')} runs in ${(Number(rebuilt[2]) / 1000).toFixed(1)} s` : 'n/a'}; RSS after rebuild: ${rssAfterRebuild} MB.`)
}
finally {
  rmSync(dataDir, { recursive: true, force: true })
}
