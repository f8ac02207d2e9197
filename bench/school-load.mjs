/**
 * A whole school at once: BENCH_IPADS (300) simulated iPads for BENCH_SECONDS (60) against one
 * instance with the built-in providers, then against two instances sharing Redis (and one data
 * dir for media). Each iPad joins the open studio, polls its current run every 2 s with
 * If-None-Match as the run page does, loads its gallery and the thumbnails in it every 20 s, and
 * one in three starts an image run each minute (at a random second, so they do not all start at
 * once). The iPads come from BENCH_ADDRESSES (10) loopback addresses, 127.0.0.1 … 127.0.0.10,
 * as classes behind their school's NAT.
 *
 * Prints: errors (anything but 200/202/304, and network errors), p50/p99 latency per kind of
 * request, runs completed per minute, and the server processes' CPU (% of one core) and peak RSS.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { freePort, makeTempDir, startAppServer } from './lib/server.mjs'
import { log, markdownTable } from './lib/load.mjs'

const IPADS = Number(process.env.BENCH_IPADS ?? 300)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
const ADDRESSES = Number(process.env.BENCH_ADDRESSES ?? 10)
const POLL_MS = 2000
const GALLERY_MS = 20_000
const RUN_SHARE = 1 / 3

const agents = Array.from({ length: ADDRESSES }, (_, index) => new Agent({ keepAlive: true, maxSockets: 64, localAddress: `127.0.0.${index + 1}` }))

/** One request over node:http from the iPad's address; resolves with status, headers and the body as text. */
function send(ipad, method, path, { body, headers = {} } = {}) {
  const url = new URL(path, ipad.server)
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve) => {
    const started = performance.now()
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method, agent: ipad.agent,
      headers: {
        'accept-encoding': 'gzip, br', 'origin': ipad.server, ...(ipad.cookie ? { cookie: ipad.cookie } : {}),
        ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        ...headers,
      },
    }, (res) => {
      const chunks = []
      res.on('data', chunk => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }))
      res.on('error', error => resolve({ status: 0, error, ms: performance.now() - started }))
    })
    req.on('error', error => resolve({ status: 0, error, ms: performance.now() - started }))
    req.end(payload)
  })
}

const stats = () => ({ join: [], poll: [], create: [], gallery: [], thumbnail: [], errors: new Map(), completed: 0, started: 0 })

function record(result, kind, ok, bucket) {
  bucket[kind].push(result.ms)
  if (!ok.includes(result.status)) {
    const key = `${kind} ${result.status || result.error?.code || 'error'}`
    bucket.errors.set(key, (bucket.errors.get(key) ?? 0) + 1)
    return false
  }
  return true
}

/** JSON from a (possibly compressed) answer: the bench asks for gzip/br like a browser. */
async function json(result) {
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib')
  const encoding = result.headers['content-encoding']
  const raw = encoding === 'br' ? brotliDecompressSync(result.body) : encoding === 'gzip' ? gunzipSync(result.body) : result.body
  return JSON.parse(raw.toString('utf8'))
}

async function simulateIpad(index, servers, bucket, until) {
  const ipad = { server: servers[index % servers.length], agent: agents[index % ADDRESSES], cookie: '', runId: null, etag: null }
  await sleep(Math.random() * 5000)
  const joined = await send(ipad, 'POST', '/api/join', { body: {} })
  if (!record(joined, 'join', [200], bucket)) return
  ipad.cookie = [joined.headers['set-cookie'] ?? []].flat().map(line => line.split(';')[0]).join('; ')
  const startsRuns = index < IPADS * RUN_SHARE
  let nextRun = startsRuns ? performance.now() + Math.random() * 60_000 : Infinity
  let nextGallery = performance.now() + Math.random() * GALLERY_MS
  while (performance.now() < until) {
    const now = performance.now()
    if (now >= nextRun) {
      nextRun += 60_000
      const created = await send(ipad, 'POST', '/api/runs', { body: { perspective: 'bauhaus', input_text: `Ein Haus am Meer, Nummer ${index}`, output: 'image' } })
      if (record(created, 'create', [202], bucket)) {
        bucket.started++
        ipad.runId = (await json(created)).run_id
        ipad.etag = null
      }
    }
    if (ipad.runId) {
      const polled = await send(ipad, 'GET', `/api/runs/${ipad.runId}`, { headers: ipad.etag ? { 'if-none-match': ipad.etag } : {} })
      if (record(polled, 'poll', [200, 304], bucket) && polled.status === 200) {
        ipad.etag = polled.headers.etag ?? null
        const view = await json(polled)
        if (['completed', 'blocked', 'failed', 'cancelled'].includes(view.status)) {
          if (view.status === 'completed') bucket.completed++
          else bucket.errors.set(`run ${view.status}`, (bucket.errors.get(`run ${view.status}`) ?? 0) + 1)
          ipad.runId = null
        }
      }
    }
    if (now >= nextGallery) {
      nextGallery += GALLERY_MS
      const gallery = await send(ipad, 'GET', '/api/my/runs?limit=24')
      if (record(gallery, 'gallery', [200], bucket)) {
        for (const run of (await json(gallery)).runs.filter(run => run.thumbnail_url)) {
          record(await send(ipad, 'GET', run.thumbnail_url), 'thumbnail', [200], bucket)
        }
      }
    }
    await sleep(POLL_MS)
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

function percentile(values, share) {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]
}

/** CPU ticks and RSS of a process from /proc (Linux). */
function processUsage(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
    return { ticks: Number(fields[11]) + Number(fields[12]), rssKb }
  }
  catch {
    return null
  }
}

async function scenario(label, servers) {
  log(`${label}: ${IPADS} iPads for ${SECONDS} s …`)
  const bucket = stats()
  const pids = servers.map(server => server.pid)
  const before = pids.map(processUsage)
  let peakRssKb = 0
  const sampling = setInterval(() => {
    peakRssKb = Math.max(peakRssKb, pids.reduce((sum, pid) => sum + (processUsage(pid)?.rssKb ?? 0), 0))
  }, 1000)
  const started = performance.now()
  const until = started + SECONDS * 1000
  await Promise.all(Array.from({ length: IPADS }, (_, index) => simulateIpad(index, servers.map(server => server.url), bucket, until)))
  const elapsedS = (performance.now() - started) / 1000
  clearInterval(sampling)
  const cpuTicks = pids.reduce((sum, pid, index) => sum + ((processUsage(pid)?.ticks ?? 0) - (before[index]?.ticks ?? 0)), 0)
  const ticksPerSecond = 100
  return { label, bucket, elapsedS, cpuPercent: (cpuTicks / ticksPerSecond / elapsedS) * 100, peakRssMb: peakRssKb / 1024 }
}

function rowsOf(result) {
  const { bucket } = result
  const errors = [...bucket.errors.values()].reduce((sum, count) => sum + count, 0)
  const line = kind => `${bucket[kind].length} · ${fmt(percentile(bucket[kind], 0.5))} / ${fmt(percentile(bucket[kind], 0.99))}`
  return [result.label, String(errors), line('poll'), line('thumbnail'), line('create'), line('gallery'),
    (bucket.completed / (result.elapsedS / 60)).toFixed(0), `${result.cpuPercent.toFixed(0)} %`, result.peakRssMb.toFixed(0)]
}

const fmt = value => (value === null ? '–' : value.toFixed(0))

async function startRedis() {
  const port = await freePort()
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  await sleep(300)
  return { url: `redis://127.0.0.1:${port}/0`, stop: () => child.kill('SIGTERM') }
}

const results = []
{
  const server = await startAppServer()
  try {
    results.push(await scenario('one instance', [server]))
  }
  finally {
    await server.stop()
  }
}
{
  const redis = await startRedis()
  const dataDir = makeTempDir()
  const env = { NUXT_REDIS_URL: redis.url, NUXT_DATA_DIR: dataDir }
  const first = await startAppServer({ env })
  const second = await startAppServer({ env })
  try {
    results.push(await scenario('two instances + Redis', [first, second]))
  }
  finally {
    await first.stop()
    await second.stop()
    redis.stop()
  }
}
for (const agent of agents) agent.destroy()

console.log(`\n### A whole school: ${IPADS} iPads for ${SECONDS} s, built-in providers, loopback (${ADDRESSES} client addresses)\n`)
console.log('Each cell "count · p50 / p99 ms". Polls every 2 s per iPad with a run; one iPad in three starts an image run a minute.\n')
console.log(markdownTable(['setup', 'errors', 'polls', 'thumbnails', 'run creation', 'gallery', 'runs completed / min', 'server CPU', 'peak RSS MB'], results.map(rowsOf)))
for (const result of results) {
  if (result.bucket.errors.size) console.log(`\n${result.label}: ${[...result.bucket.errors].map(([key, count]) => `${key} × ${count}`).join(', ')}`)
}
