import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { startAppServer } from './lib/server.mjs'
import { createRun, deviceHeaders, waitForRunEnd } from './lib/runs.mjs'

// The JavaScript an iPad downloads on the first load of each student page, against a budget.
// Sizes are what the built server sends for each file, gzipped by us with zlib level 9 (the
// server itself sends .js uncompressed; a proxy or CDN in front of it would gzip or brotli them).

const BUDGET_KB = Number(process.env.BENCH_BUNDLE_BUDGET_KB ?? 150)
const PUBLIC_NUXT = resolve(import.meta.dirname, '../.output/public/_nuxt')
const KB = 1000

const gzipSize = buffer => gzipSync(buffer, { level: 9 }).length
const kb = bytes => (bytes / KB).toFixed(1)
const log = message => process.stderr.write(`${message}\n`)

/** Every `<tag …>` of a kind, as a map of its attributes. */
function tags(html, name) {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))].map(([, body]) => Object.fromEntries(
    [...body.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)]
      .map(([, key, a, b, c]) => [key.toLowerCase(), a ?? b ?? c ?? '']),
  ))
}

/** `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`: never `import("./x.js")`, which loads later. */
const staticImports = code => [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g)].map(match => match[1])

const inlineScripts = html => [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(match => match[1]).join('\n')

async function firstLoad(baseUrl, route, headers) {
  const response = await fetch(new URL(route, baseUrl), { headers })
  const html = await response.text()
  const page = { route, status: response.status, redirectedTo: response.redirected ? new URL(response.url).pathname : null }
  if (!response.ok) return page
  const sameOrigin = href => new URL(href, response.url).origin === new URL(baseUrl).origin
  const scripts = tags(html, 'script').filter(attributes => attributes.src).map(attributes => attributes.src)
  const links = tags(html, 'link')
  const preloads = links.filter(attributes => attributes.rel === 'modulepreload').map(attributes => attributes.href)
  const prefetches = links.filter(attributes => attributes.rel === 'prefetch' && attributes.as === 'script').map(attributes => attributes.href)
  const listed = [...new Set([...scripts, ...preloads].filter(sameOrigin).map(href => new URL(href, response.url).href))]

  // Whatever the HTML lists, the browser also fetches each module's static imports before running it.
  const files = new Map()
  const queue = listed.map(url => ({ url, viaImport: false }))
  while (queue.length) {
    const { url, viaImport } = queue.shift()
    if (files.has(url)) continue
    const body = Buffer.from(await (await fetch(url)).arrayBuffer())
    files.set(url, { name: new URL(url).pathname, raw: body.length, gz: gzipSize(body), viaImport })
    for (const specifier of staticImports(body.toString('utf8'))) queue.push({ url: new URL(specifier, url).href, viaImport: true })
  }
  const prefetched = await Promise.all([...new Set(prefetches.filter(sameOrigin))]
    .map(href => new URL(href, response.url).href).filter(url => !files.has(url))
    .map(async url => gzipSize(Buffer.from(await (await fetch(url)).arrayBuffer()))))
  const inline = Buffer.from(inlineScripts(html))
  return {
    ...page,
    files: [...files.values()],
    raw: [...files.values()].reduce((sum, file) => sum + file.raw, 0),
    gz: [...files.values()].reduce((sum, file) => sum + file.gz, 0),
    inlineRaw: inline.length,
    inlineGz: inline.length ? gzipSize(inline) : 0,
    prefetchCount: prefetched.length,
    prefetchGz: prefetched.reduce((sum, size) => sum + size, 0),
  }
}

log('starting the built server …')
const server = await startAppServer()
try {
  // One real run, made the way an iPad makes it, so /runs/<id> and /gallery have something to show.
  const runId = await createRun(server.url, { perspective: 'bauhaus', input_text: 'Ein rotes Haus am Meer', output: 'image' })
  const { cookie } = await deviceHeaders(server.url)
  await waitForRunEnd(server.url, runId)

  const routes = ['/', '/perspectives', '/idea', `/runs/${runId}`, '/gallery']
  const pages = []
  for (const route of routes) {
    log(`loading ${route} …`)
    pages.push(await firstLoad(server.url, route, { cookie, 'accept-language': 'de' }))
  }

  console.log(`#### Client JavaScript on first load (gzip level 9, KB = 1000 bytes, budget ${BUDGET_KB} KB gz per page)\n`)
  console.log('| page | files | raw KB | gz KB | budget | inline script KB gz | prefetched later (files, KB gz) |')
  console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: |')
  const label = route => route.replace(runId, '<id>')
  const skipped = []
  for (const page of pages) {
    if (!page.files) {
      skipped.push(`\`${label(page.route)}\` answered ${page.status}${page.status === 404 ? ' (no such page in this build)' : ''}: skipped`)
      continue
    }
    const verdict = page.gz <= BUDGET_KB * KB ? 'PASS' : '**OVER**'
    const via = page.files.filter(file => file.viaImport).length
    const name = label(page.route) + (page.redirectedTo ? ` → ${page.redirectedTo}` : '')
    console.log(`| \`${name}\` | ${page.files.length}${via ? ` (${via} via imports)` : ''} | ${kb(page.raw)} | ${kb(page.gz)} | ${verdict} | ${kb(page.inlineGz)} | ${page.prefetchCount}, ${kb(page.prefetchGz)} |`)
  }
  if (skipped.length) console.log(`\n${skipped.map(line => `- ${line}`).join('\n')}`)

  const measured = pages.filter(page => page.files)
  const byFile = new Map()
  for (const page of measured) {
    for (const file of page.files) {
      const entry = byFile.get(file.name) ?? { ...file, pages: [] }
      entry.pages.push(label(page.route))
      byFile.set(file.name, entry)
    }
  }
  console.log('\n| file | raw KB | gz KB | loaded by |')
  console.log('| --- | ---: | ---: | --- |')
  for (const file of [...byFile.values()].sort((a, b) => b.gz - a.gz)) {
    const everywhere = file.pages.length === measured.length && measured.length > 1
    console.log(`| \`${file.name}\` | ${kb(file.raw)} | ${kb(file.gz)} | ${everywhere ? 'every page' : file.pages.map(route => `\`${route}\``).join(', ')} |`)
  }

  const all = readdirSync(PUBLIC_NUXT).filter(name => name.endsWith('.js')).map(name => readFileSync(resolve(PUBLIC_NUXT, name)))
  const allRaw = all.reduce((sum, body) => sum + body.length, 0)
  const allGz = all.reduce((sum, body) => sum + gzipSize(body), 0)
  console.log(`\nAll of \`.output/public/_nuxt/*.js\`: ${all.length} files, ${kb(allRaw)} KB raw, ${kb(allGz)} KB gz (each file gzipped on its own).`)
}
finally {
  await server.stop()
}
