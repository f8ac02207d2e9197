import { chromium, devices } from 'playwright-core'
import { startAppServer } from './lib/server.mjs'
import { createRun, deviceHeaders, waitForRunEnd } from './lib/runs.mjs'

// What an iPad really downloads on the first load of each student page: the bytes Chromium
// received per request (headers and the body as it came over the wire, compressed or not),
// read from the DevTools protocol, against the budget per page (JavaScript ≤ 150 KB, HTML ≤ 20 KB).
// A fresh browser context per page, so nothing comes from the cache.

const JS_BUDGET_KB = Number(process.env.BENCH_JS_BUDGET_KB ?? 150)
const HTML_BUDGET_KB = Number(process.env.BENCH_HTML_BUDGET_KB ?? 20)
const DEVICE = process.env.BENCH_DEVICE ?? 'iPad (gen 7)'
// BENCH_SCRIPTS=1 lists every script of each page with its bytes, largest first: what to cut.
const LIST_SCRIPTS = process.env.BENCH_SCRIPTS === '1'
const QUIET_MS = 1500
const KB = 1000

const kb = bytes => (bytes / KB).toFixed(1)
const log = message => process.stderr.write(`${message}\n`)

const KINDS = { Document: 'html', Script: 'js', Stylesheet: 'css', Fetch: 'api', XHR: 'api', Image: 'images', Font: 'other', Manifest: 'other', Other: 'other' }

/** Loads `route` in a fresh iPad context and sums the encoded bytes Chromium received, by kind. */
async function firstLoad(browser, baseUrl, route, cookie) {
  const context = await browser.newContext({ ...devices[DEVICE], baseURL: baseUrl, extraHTTPHeaders: { 'accept-language': 'de' } })
  await context.addCookies(cookie.split('; ').filter(Boolean).map((pair) => {
    const [name, ...value] = pair.split('=')
    return { name, value: value.join('='), url: baseUrl }
  }))
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  const requests = new Map()
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    requests.set(requestId, { type, url: response.url, encoding: headerOf(response.headers, 'content-encoding'), bytes: 0 })
  })
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const request = requests.get(requestId)
    if (request) request.bytes = encodedDataLength
  })
  const response = await page.goto(route, { waitUntil: 'load' })
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {})
  await page.waitForTimeout(QUIET_MS)
  await context.close()
  const totals = { html: 0, js: 0, css: 0, api: 0, images: 0, other: 0 }
  const uncompressed = []
  for (const request of requests.values()) {
    const kind = KINDS[request.type] ?? 'other'
    totals[kind] += request.bytes
    if ((kind === 'js' || kind === 'html' || kind === 'css') && !request.encoding && request.bytes > 1536) uncompressed.push(new URL(request.url).pathname)
  }
  const scripts = [...requests.values()].filter(request => request.type === 'Script').map(request => ({ path: new URL(request.url).pathname, bytes: request.bytes }))
  return { route, status: response?.status() ?? 0, requests: requests.size, totals, uncompressed, scripts }
}

function headerOf(headers, name) {
  const key = Object.keys(headers).find(header => header.toLowerCase() === name)
  return key ? headers[key] : null
}

log('starting the built server …')
const server = await startAppServer()
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})
try {
  // One real run, made the way an iPad makes it, so /runs/<id> and /gallery have something to show.
  const runId = await createRun(server.url, { perspective: 'bauhaus', input_text: 'Ein rotes Haus am Meer', output: 'image' })
  const { cookie } = await deviceHeaders(server.url)
  await waitForRunEnd(server.url, runId)

  const routes = ['/', '/perspectives', '/idea', `/runs/${runId}`, '/gallery', '/class-gallery']
  const pages = []
  for (const route of routes) {
    log(`loading ${route} …`)
    pages.push(await firstLoad(browser, server.url, route, cookie))
  }

  console.log(`#### Bytes transferred on the first load of each student page (${DEVICE}, Chromium, KB = 1000 bytes, headers included)\n`)
  console.log(`| page | requests | JS KB | HTML KB | CSS KB | API KB | images KB | all KB | budget (JS ≤ ${JS_BUDGET_KB}, HTML ≤ ${HTML_BUDGET_KB}) |`)
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
  const label = route => route.replace(runId, '<id>')
  for (const page of pages) {
    const { totals } = page
    const all = Object.values(totals).reduce((sum, bytes) => sum + bytes, 0)
    const verdict = totals.js <= JS_BUDGET_KB * KB && totals.html <= HTML_BUDGET_KB * KB ? 'PASS' : '**OVER**'
    console.log(`| \`${label(page.route)}\` | ${page.requests} | ${kb(totals.js)} | ${kb(totals.html)} | ${kb(totals.css)} | ${kb(totals.api)} | ${kb(totals.images)} | ${kb(all)} | ${verdict} |`)
  }
  if (LIST_SCRIPTS) {
    for (const page of pages) {
      console.log(`\n${label(page.route)}: ${page.scripts.sort((a, b) => b.bytes - a.bytes).map(script => `${script.path.split('/').pop()} ${kb(script.bytes)}`).join(', ')}`)
    }
  }
  const uncompressed = [...new Set(pages.flatMap(page => page.uncompressed))]
  console.log(uncompressed.length
    ? `\nSent without Content-Encoding (over 1.5 KB with headers): ${uncompressed.map(path => `\`${path}\``).join(', ')}`
    : '\nEvery HTML, JS and CSS answer over 1.5 KB came compressed.')
}
finally {
  await browser.close()
  await server.stop()
}
