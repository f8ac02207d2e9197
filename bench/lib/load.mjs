import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import autocannon from 'autocannon'

export const BENCH_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const BENCH_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2)

// autocannon 8 appends every response body chunk to a JS string (`req.body += data` in
// lib/pipelinedRequestsQueue.js) for its expectBody/verifyBody options, which we do not use.
// On a 2-core machine that caps the load generator at ~95 MB/s, so the 1.8 MB file measured the
// client, not the servers. Dropping bodies in the bench process lifts that ceiling ~7×.
const BodyQueue = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js')
if (typeof BodyQueue?.prototype?.addBody !== 'function') {
  throw new Error('autocannon changed: pipelinedRequestsQueue.addBody is gone; revisit bench/lib/load.mjs')
}
BodyQueue.prototype.addBody = function dropBody() {}

/**
 * GETs one URL from `connections` keep-alive connections for `seconds`, after an unmeasured
 * warm-up of the same shape (so the JIT and the page cache are warm for every server alike).
 * `serverPid` adds the server's CPU time per request (all its threads, user + system).
 */
export async function measure({ url, headers = {}, connections = BENCH_CONNECTIONS, seconds = BENCH_SECONDS, serverPid }) {
  if (WARMUP_SECONDS > 0) await autocannon({ url, headers, connections, duration: WARMUP_SECONDS })
  const cpuBefore = cpuMsOf(serverPid)
  const result = await autocannon({ url, headers, connections, duration: seconds })
  const cpuAfter = cpuMsOf(serverPid)
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]))
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // Bytes read from the socket, headers included, in 10^6 bytes per second.
    mbPerSec: result.throughput.average / 1e6,
    cpuUsPerRequest: cpuBefore === null || cpuAfter === null || !result.requests.total
      ? null
      : (cpuAfter - cpuBefore) * 1000 / result.requests.total,
    statusCounts,
    errors: result.errors + result.timeouts,
  }
}

let clockTicksPerSecond
/** utime + stime of a process from /proc (Linux), in ms; null elsewhere. */
function cpuMsOf(pid) {
  if (!pid) return null
  try {
    clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 1000 / clockTicksPerSecond
  }
  catch {
    return null
  }
}

export const formatStatusCounts = counts => Object.entries(counts).map(([code, count]) => `${code}×${count}`).join(' ')

export const formatCpu = us => (us === null ? 'n/a' : us.toFixed(0))

export function markdownTable(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map(row => `| ${row.join(' | ')} |`),
  ].join('\n')
}

/** Nearest-rank percentile of numbers; `fraction` 0.5 for p50, 0.99 for p99. */
export function percentile(values, fraction) {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]
}

export const log = message => process.stderr.write(`[bench] ${message}\n`)
