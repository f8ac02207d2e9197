/**
 * Status polls/s: GET /api/runs/:id on a completed image run at 50 keep-alive connections,
 *   full:  no If-None-Match, so every poll reads metadata.json, builds the status view, hashes
 *          it for the ETag and sends ~1 KB of JSON (200);
 *   304:   If-None-Match with the run's current ETag, as a polling iPad sends it: the same read,
 *          view and hash, but no body (304).
 * Prints req/s, latency p50/p99 (ms), the server's CPU time per poll (µs) and 304/full.
 * Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2).
 */
import { BENCH_CONNECTIONS, BENCH_SECONDS, formatCpu, formatStatusCounts, log, markdownTable, measure } from './lib/load.mjs'
import { createRun, deviceHeaders, waitForRunEnd } from './lib/runs.mjs'
import { startAppServer } from './lib/server.mjs'

const app = await startAppServer()
try {
  log(`app ${app.url} (pid ${app.pid}), data dir ${app.dataDir}`)
  const runId = await createRun(app.url, { perspective: 'bauhaus', input_text: 'Ein rotes Haus am Meer', output: 'image_builtin', seed: 1 })
  const run = await waitForRunEnd(app.url, runId)
  if (run.status !== 'completed') throw new Error(`The setup run ended ${run.status}`)
  const url = `${app.url}/api/runs/${runId}`
  const device = await deviceHeaders(app.url)
  const first = await fetch(url, { headers: device })
  const body = await first.text()
  const etag = first.headers.get('etag')
  const revalidated = await fetch(url, { headers: { ...device, 'if-none-match': etag } })
  if (first.status !== 200 || !etag || revalidated.status !== 304) {
    throw new Error(`Expected 200 with an ETag, then 304; got ${first.status} (ETag ${etag}), then ${revalidated.status}`)
  }
  log(`full polls, ${Buffer.byteLength(body)} bytes of JSON, ${BENCH_SECONDS} s …`)
  const full = await measure({ url, headers: device, serverPid: app.pid })
  log(`304 polls, ${BENCH_SECONDS} s …`)
  const notModified = await measure({ url, headers: { ...device, 'if-none-match': etag }, serverPid: app.pid })

  const row = (label, result) => [label, result.reqPerSec.toFixed(0), result.p50.toFixed(0), result.p99.toFixed(0),
    formatCpu(result.cpuUsPerRequest), formatStatusCounts(result.statusCounts) + (result.errors ? `, ${result.errors} errors` : '')]
  console.log(`\n### Status polls: completed run, ${BENCH_CONNECTIONS} connections, ${BENCH_SECONDS} s each, loopback\n`)
  console.log(markdownTable(['GET /api/runs/:id', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'responses'], [
    row(`full (200, ${Buffer.byteLength(body)} B JSON)`, full),
    row('If-None-Match (304)', notModified),
    ['**304/full**', (notModified.reqPerSec / full.reqPerSec).toFixed(2) + '×', '', '', '', ''],
  ]))
}
finally {
  await app.stop()
}
