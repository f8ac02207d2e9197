import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitForRun } from '../support/api'
import { type RawResponse, rawRequest } from '../support/raw-http'
import { createRun, readRunFile } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

// What travels on the wire: the bytes as sent (node:http does not decompress), per Accept-Encoding.

let server: TestServer
let runId: string
let scriptPath: string

const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd'

beforeAll(async () => {
  server = await startServer()
  runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Zug fährt über eine Brücke', output: 'image_builtin' })
  expect((await waitForRun(server, runId)).status).toBe('completed')
  const html = (await rawRequest(server, '/')).body.toString('utf8')
  const scripts = [...html.matchAll(/\/_nuxt\/[\w-]+\.js/g)].map(match => match[0])
  // The largest chunk the page names: certainly over the 1 KB below which nothing is compressed.
  const sizes = await Promise.all(scripts.map(async path => ({ path, size: (await rawRequest(server, path)).body.length })))
  scriptPath = sizes.sort((a, b) => b.size - a.size)[0]!.path
})

afterAll(async () => {
  await server?.stop()
})

function decoded(response: RawResponse): Buffer {
  const encoding = response.headers['content-encoding']
  if (encoding === 'br') return brotliDecompressSync(response.body)
  if (encoding === 'gzip') return gunzipSync(response.body)
  return response.body
}

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => rawRequest(server, path, { method, headers })

describe.each([
  ['a JavaScript chunk (precompressed at build)', () => scriptPath],
  ['a page (compressed per answer)', () => '/perspectives'],
  ['a JSON answer (compressed per answer)', () => '/api/perspectives'],
])('%s', (_name, path) => {
  it('goes out as Brotli to a browser that takes it, gzip to one that takes only gzip, plain otherwise, always the same bytes', async () => {
    const plain = await get(path())
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toMatch(/accept-encoding/i)

    const brotli = await get(path(), { 'accept-encoding': BROWSER_ENCODINGS })
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers.vary).toMatch(/accept-encoding/i)
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2)
    expect(Number(brotli.headers['content-length'])).toBe(brotli.body.length)

    const gzip = await get(path(), { 'accept-encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gzip.body.length).toBeLessThan(plain.body.length / 2)

    // A page is rendered afresh each time (its payload may carry a new id): compare JS and JSON byte for byte.
    if (!path().startsWith('/perspectives')) {
      expect(decoded(brotli).equals(plain.body)).toBe(true)
      expect(decoded(gzip).equals(plain.body)).toBe(true)
    }
    else {
      expect(decoded(brotli).toString('utf8')).toContain('</html>')
      expect(decoded(gzip).toString('utf8')).toContain('</html>')
    }
  })

  it('is sent plain to a client that refuses both encodings', async () => {
    const response = await get(path(), { 'accept-encoding': 'br;q=0, gzip;q=0' })
    expect(response.headers['content-encoding']).toBeUndefined()
  })
})

describe('what stays uncompressed', () => {
  it('leaves a small JSON answer as it is: compressing it would save less than it costs', async () => {
    const response = await get('/api/studio', { 'accept-encoding': BROWSER_ENCODINGS })
    expect(response.status).toBe(200)
    expect(response.body.length).toBeLessThan(1024)
    expect(response.headers['content-encoding']).toBeUndefined()
    JSON.parse(response.body.toString('utf8'))
  })

  it('serves a media Range byte-exact and unencoded, as iPad Safari needs for sound and video', async () => {
    const file = readRunFile(server.dataDir, runId, 'output-image.png')
    const response = await get(`/api/runs/${runId}/media/output-image.png`, { 'accept-encoding': BROWSER_ENCODINGS, 'range': 'bytes=0-99' })
    expect(response.status).toBe(206)
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.body.equals(file.subarray(0, 100))).toBe(true)
  })

  it('answers a status poll whose ETag still holds with an empty 304, compressed or not', async () => {
    const first = await get(`/api/runs/${runId}`, { 'accept-encoding': BROWSER_ENCODINGS })
    expect(first.status).toBe(200)
    const again = await get(`/api/runs/${runId}`, { 'accept-encoding': BROWSER_ENCODINGS, 'if-none-match': first.headers.etag as string })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers['content-encoding']).toBeUndefined()
  })

  it('sends an error page a browser can read, whatever it accepts', async () => {
    const response = await rawRequest(server, '/api/runs', {
      method: 'POST', body: '{}',
      headers: { 'accept': 'text/html', 'accept-encoding': BROWSER_ENCODINGS, 'content-type': 'text/plain', 'origin': 'http://127.0.0.1:9' },
    })
    expect(response.status).toBe(403)
    expect(decoded(response).toString('utf8')).toContain('another site')
  })

  it('answers a HEAD for a chunk with its headers and no body', async () => {
    const response = await get(scriptPath, { 'accept-encoding': BROWSER_ENCODINGS }, 'HEAD')
    expect(response.status).toBe(200)
    expect(response.body.length).toBe(0)
  })
})
