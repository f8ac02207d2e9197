import { readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { startAppServer } from './lib/server.mjs'
import { deviceHeaders } from './lib/runs.mjs'

// Uploads through the built server at the open studio's level (youth: faces looked for, picture
// checked): how long a picture takes from the last byte sent to the answer, and the server's
// peak memory (VmHWM) before and after the largest pictures and a decompression bomb.

const ROUNDS = Number(process.env.BENCH_UPLOAD_ROUNDS ?? 3)
const log = message => process.stderr.write(`${message}\n`)
const mb = bytes => (bytes / 1024 / 1024).toFixed(1)

const peakRssKb = pid => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN)

function pngClaiming(width, height) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), chunk('IHDR', header), chunk('IDAT', Buffer.alloc(16)), chunk('IEND', Buffer.alloc(0))])
}

/** A photo-like picture: smooth colour fields with noise, which JPEG cannot squeeze to nothing. */
const photo = (width, height) => sharp({ create: { width, height, channels: 3, background: '#8aa', noise: { type: 'gaussian', mean: 120, sigma: 12 } } })
  .blur(1.2).jpeg({ quality: 85 }).toBuffer()

async function upload(url, headers, data, type = 'image/jpeg') {
  const form = new FormData()
  form.append('image', new Blob([data], { type }), 'photo')
  const started = performance.now()
  const response = await fetch(`${url}/api/uploads`, { method: 'POST', body: form, headers: { cookie: headers.cookie } })
  const body = await response.json()
  return { status: response.status, ms: performance.now() - started, body }
}

const server = await startAppServer()
try {
  const headers = await deviceHeaders(server.url)
  // The models load in the background at start-up; the first upload waits for them.
  // A drawing: the picture check (nsfwjs) at youth has been seen to block a small grey-noise picture.
  const sun = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#fdf6e3"/><circle cx="320" cy="240" r="120" fill="#f5c400"/></svg>')
  const first = await upload(server.url, headers, await sharp(sun).jpeg().toBuffer())
  log(`first upload (models loading): ${first.status}${first.body?.data?.reason ? ` (${first.body.data.reason})` : ''} in ${first.ms.toFixed(0)} ms`)
  const baseline = peakRssKb(server.pid)
  const rows = []
  for (const [label, width, height] of [['iPad photo 3264×2448 (8 MP)', 3264, 2448], ['12 MP 4032×3024', 4032, 3024], ['40 MP 7300×5470', 7300, 5470]]) {
    const data = await photo(width, height)
    const times = []
    for (let round = 0; round < ROUNDS; round++) {
      const result = await upload(server.url, headers, data)
      if (result.status !== 201) throw new Error(`${label}: ${result.status} ${JSON.stringify(result.body)}`)
      times.push(result.ms)
    }
    times.sort((a, b) => a - b)
    rows.push({ label, file_mb: mb(data.length), median_ms: times[Math.floor(times.length / 2)].toFixed(0), peak_rss_mb: (peakRssKb(server.pid) / 1024).toFixed(0) })
  }
  const beforeBomb = peakRssKb(server.pid)
  const bomb = await upload(server.url, headers, pngClaiming(30_000, 30_000), 'image/png')
  rows.push({ label: 'bomb PNG claiming 30000×30000', file_mb: '0.0', median_ms: bomb.ms.toFixed(0), status: bomb.status, peak_rss_growth_mb: ((peakRssKb(server.pid) - beforeBomb) / 1024).toFixed(1) })
  console.table(rows)
  console.log(`peak RSS after the first upload (both models loaded): ${(baseline / 1024).toFixed(0)} MB`)
}
finally {
  await server.stop()
}
