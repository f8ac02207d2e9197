/**
 * Media requests/s: GET /api/runs/:id/media/:file of the built server against a plain static
 * file server (bench/lib/static-server.mjs: Node http + fs.createReadStream) serving the SAME
 * files from the same run folder, one after the other, at 50 keep-alive connections.
 *
 *   thumbnail: the WebP thumbnail a real image run produced (a few KB);
 *   1.8 MB PNG: random noise written with sharp as `output-bench-noise.png` into that run's folder
 *               (noise does not compress, so the file really is ~1.8 MB; real outputs are smaller).
 *
 * Prints req/s, latency p50/p99 (ms), throughput (MB/s, headers included), the server's CPU time
 * per request (µs, all its threads, from /proc) and ours/static. The load generator runs in this
 * process and shares the machine's cores with the server under test.
 * Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2).
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { BENCH_CONNECTIONS, BENCH_SECONDS, formatCpu, formatStatusCounts, log, markdownTable, measure } from './lib/load.mjs'
import { createRun, deviceHeaders, waitForRunEnd } from './lib/runs.mjs'
import { startAppServer, startStaticServer } from './lib/server.mjs'

// Students are served only the outputs a run lists, so the noise takes the place of the run's own
// picture (written before anything asked for it, so no answer about the old file is remembered).
const NOISE_FILE = 'output-image.png'
const NOISE_SIDE = 775 // 775 × 775 × 3 bytes of noise ≈ 1.8 MB as PNG

const app = await startAppServer()
let statics = null
try {
  log(`app ${app.url} (pid ${app.pid}), data dir ${app.dataDir}`)
  const runId = await createRun(app.url, { perspective: 'bauhaus', input_text: 'Ein rotes Haus am Meer', output: 'image_builtin', seed: 1 })
  const run = await waitForRunEnd(app.url, runId)
  if (run.status !== 'completed' || !run.outputs[0]?.thumbnail_url) throw new Error(`The setup run ended ${run.status} without a thumbnail`)
  const runDir = join(app.dataDir, 'runs', runId)
  const pixels = randomBytes(NOISE_SIDE * NOISE_SIDE * 3)
  await sharp(pixels, { raw: { width: NOISE_SIDE, height: NOISE_SIDE, channels: 3 } }).png().toFile(join(runDir, NOISE_FILE))

  statics = await startStaticServer(join(app.dataDir, 'runs'))
  log(`static ${statics.url} (pid ${statics.pid}) serving ${join(app.dataDir, 'runs')}`)

  const thumbnailFile = run.outputs[0].thumbnail_url.split('/').pop()
  const files = [
    { label: 'thumbnail (WebP)', file: thumbnailFile },
    { label: '1.8 MB PNG (noise)', file: NOISE_FILE },
  ]
  const rows = []
  for (const { label, file } of files) {
    const bytes = readFileSync(join(runDir, file))
    const ours = `${app.url}/api/runs/${runId}/media/${file}`
    const plain = `${statics.url}/${runId}/${file}`
    const device = await deviceHeaders(app.url)
    await assertServesSame(ours, bytes, device)
    await assertServesSame(plain, bytes)
    const size = bytes.length >= 1e6 ? `${(bytes.length / 1e6).toFixed(2)} MB` : `${(bytes.length / 1e3).toFixed(1)} KB`
    log(`${label}, ${size}: ours ${BENCH_SECONDS} s …`)
    const a = await measure({ url: ours, headers: device, serverPid: app.pid })
    log(`${label}, ${size}: static ${BENCH_SECONDS} s …`)
    const b = await measure({ url: plain, serverPid: statics.pid })
    for (const [server, result] of [['ours', a], ['static', b]]) {
      rows.push([`${label}, ${size}`, server, result.reqPerSec.toFixed(0), result.p50.toFixed(0), result.p99.toFixed(0),
        result.mbPerSec.toFixed(1), formatCpu(result.cpuUsPerRequest), formatStatusCounts(result.statusCounts) + (result.errors ? `, ${result.errors} errors` : '')])
    }
    rows.push([`${label}, ${size}`, '**ours/static**', ratio(a.reqPerSec, b.reqPerSec), ratio(a.p50, b.p50), ratio(a.p99, b.p99),
      ratio(a.mbPerSec, b.mbPerSec), ratio(a.cpuUsPerRequest ?? 0, b.cpuUsPerRequest ?? 0), ''])
  }
  console.log(`\n### Media: ${BENCH_CONNECTIONS} connections, ${BENCH_SECONDS} s each, loopback\n`)
  console.log(markdownTable(['file', 'server', 'req/s', 'p50 ms', 'p99 ms', 'MB/s', 'server CPU µs/req', 'responses'], rows))
}
finally {
  await statics?.stop()
  await app.stop()
}

async function assertServesSame(url, expected, headers = {}) {
  const response = await fetch(url, { headers })
  const body = Buffer.from(await response.arrayBuffer())
  if (response.status !== 200 || !body.equals(expected)) {
    throw new Error(`${url} answered ${response.status} with ${body.length} bytes, not the ${expected.length} bytes on disk`)
  }
}

function ratio(ours, plain) {
  return plain > 0 ? `${(ours / plain).toFixed(2)}×` : 'n/a'
}
