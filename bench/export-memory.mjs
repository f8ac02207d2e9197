// Research export: peak server RSS and throughput while streaming ZIPs of N synthetic runs.
// Each size gets a fresh data dir (seeded on disk before start-up) and a fresh server process.
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir, startAppServer } from './lib/server.mjs'

const SIZES = (process.env.BENCH_EXPORT_SIZES ?? '1000,10000').split(',').map(Number)
const OUTPUT_BYTES = Number(process.env.BENCH_EXPORT_OUTPUT_KB ?? 100) * 1000
const PARTICIPANTS = 50
const log = message => process.stderr.write(`${message}\n`)

const STAGES = ['input_safety', 'interception', 'pre_output', 'generation']

/** A completed image run as the run store lays it out: metadata, texts, a PNG-sized output and a thumbnail. */
function seedRun(dataDir, index, participantIds) {
  const runId = randomUUID()
  const dir = join(dataDir, 'runs', runId)
  mkdirSync(dir, { recursive: true })
  const at = new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString()
  const input = `Idee Nummer ${index}: ein Baumhaus mit Rutsche, Äpfeln und "Fenstern"`
  const interception = `Ein Baumhaus im Bauhaus-Stil, Nummer ${index}, mit klaren Formen und Primärfarben`
  const output = randomBytes(OUTPUT_BYTES)
  const thumbnail = randomBytes(4000)
  const run = {
    schema_version: 1, run_id: runId, created_at: at, updated_at: at, status: 'completed', stage: 'generation',
    session_id: 'studio', participant_id: participantIds[index % participantIds.length], favourite: false, hidden: false,
    perspective: 'bauhaus', context: null, language: 'de', safety_level: 'youth', seed: index, output: 'image_builtin',
    input_text: input, interception_text: interception, generation_prompt: interception,
    stages: STAGES.map(name => ({ name, status: 'done', provider: `builtin_${name}`, model: 'builtin', started_at: at, finished_at: at, duration_ms: 12, error: null })),
    outputs: [{ type: 'image', filename: 'output-image.png', mime: 'image/png', bytes: output.length, width: 512, height: 512, duration_s: null, sha256: '0'.repeat(64), provider: 'builtin_image', config: 'image_builtin', thumbnail: 'thumbnail-image.webp', created_at: at }],
    prompt_history: [{ at, source: 'interception', text: interception }],
    progress: null, blocked: null, error: null, attempts: 1, cancel_requested: false, instance_id: null,
  }
  writeFileSync(join(dir, 'metadata.json'), `${JSON.stringify(run, null, 2)}\n`)
  writeFileSync(join(dir, 'input.txt'), input)
  writeFileSync(join(dir, 'interception.txt'), interception)
  writeFileSync(join(dir, 'prompt-history.json'), `${JSON.stringify(run.prompt_history, null, 2)}\n`)
  writeFileSync(join(dir, 'output-image.png'), output)
  writeFileSync(join(dir, 'thumbnail-image.webp'), thumbnail)
}

function seedDataDir(runs) {
  const dataDir = makeTempDir('ai4artsed-bench-export-')
  const participantIds = Array.from({ length: PARTICIPANTS }, () => randomUUID())
  for (const [i, id] of participantIds.entries()) {
    mkdirSync(join(dataDir, 'participants', id), { recursive: true })
    writeFileSync(join(dataDir, 'participants', id, 'participant.json'), JSON.stringify({ participant_id: id, session_id: 'studio', pseudonym: `Blauer Otter ${i}`, created_at: new Date().toISOString() }))
  }
  for (let i = 0; i < runs; i++) seedRun(dataDir, i, participantIds)
  return dataDir
}

/** Signs in as the leader from NUXT_ADMIN_PASSWORD; the cookie names a server-side session. */
async function signIn(url) {
  const response = await fetch(`${url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: 'bench-password-123' }) })
  if (response.status !== 200) throw new Error(`signing in failed with ${response.status}`)
  return response.headers.getSetCookie().find(line => line.startsWith('ai4a_leader=')).split(';')[0]
}

const rssMb = pid => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024

async function measure(runs) {
  log(`seeding ${runs} runs …`)
  const dataDir = seedDataDir(runs)
  const server = await startAppServer({ env: { NUXT_DATA_DIR: dataDir, NUXT_ADMIN_PASSWORD: 'bench-password-123' } })
  try {
    const cookie = await signIn(server.url)
    await new Promise(resolve => setTimeout(resolve, 500))
    const before = rssMb(server.pid)
    let peak = before
    const sampler = setInterval(() => { peak = Math.max(peak, rssMb(server.pid)) }, 100)
    const exportId = randomUUID()
    const started = performance.now()
    const response = await fetch(`${server.url}/api/admin/export?export_id=${exportId}`, { headers: { cookie } })
    if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`)
    let bytes = 0
    for await (const chunk of response.body) bytes += chunk.length
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    peak = Math.max(peak, rssMb(server.pid))
    // The last bytes can arrive before the server has seen its response finish.
    let progress
    for (let tries = 0; tries < 50 && progress?.status !== 'done'; tries++) {
      if (tries) await new Promise(resolve => setTimeout(resolve, 50))
      progress = await (await fetch(`${server.url}/api/admin/exports/${exportId}`, { headers: { cookie } })).json()
    }
    if (progress.status !== 'done' || progress.runs_done !== runs) throw new Error(`progress says ${JSON.stringify(progress)}`)
    return { runs, bytes, seconds, before, peak }
  }
  finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const rows = []
for (const runs of SIZES) {
  rows.push(await measure(runs))
  log(`${runs} runs done`)
}
console.log(`#### Export: ZIP of N runs (each ~${OUTPUT_BYTES / 1000} KB output + 4 KB thumbnail + texts), streamed over loopback\n`)
console.log('| runs | ZIP MB | seconds | MB/s | runs/s | RSS before MB | peak RSS MB | peak − before MB |')
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const row of rows) {
  console.log(`| ${row.runs} | ${(row.bytes / 1e6).toFixed(1)} | ${row.seconds.toFixed(1)} | ${(row.bytes / 1e6 / row.seconds).toFixed(1)} | ${Math.round(row.runs / row.seconds)} | ${row.before.toFixed(0)} | ${row.peak.toFixed(0)} | ${(row.peak - row.before).toFixed(0)} |`)
}
