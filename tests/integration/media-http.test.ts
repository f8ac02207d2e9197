import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, waitForRun } from '../support/api'
import { rawRequest } from '../support/raw-http'
import { createRun, readRunFile } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

let server: TestServer
let runId: string
let file: Buffer
let mediaPath: string

beforeAll(async () => {
  server = await startServer()
  runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Zug fährt über eine Brücke', output: 'image_builtin' })
  expect((await waitForRun(server, runId)).status).toBe('completed')
  file = readRunFile(server.dataDir, runId, 'output-image.png')
  mediaPath = `/api/runs/${runId}/media/output-image.png`
})

afterAll(async () => {
  await server?.stop()
})

const getMedia = (headers: Record<string, string> = {}, method = 'GET') => rawRequest(server, mediaPath, { method, headers })

describe('GET /api/runs/:id/media/:file', () => {
  it('answers 200 with the file, its type, a strong ETag, immutable caching and range support', async () => {
    const response = await getMedia()
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.headers.etag).toMatch(/^"[^"]+"$/)
    expect(response.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    expect(response.headers['accept-ranges']).toBe('bytes')
    expect(response.headers['content-length']).toBe(String(file.length))
    expect(response.body.equals(file)).toBe(true)
  })

  it('answers 304 with no body when If-None-Match holds the ETag', async () => {
    const { headers } = await getMedia()
    const response = await getMedia({ 'If-None-Match': headers.etag as string })
    expect(response.status).toBe(304)
    expect(response.body.length).toBe(0)
    expect(response.headers.etag).toBe(headers.etag)
  })

  it('answers 200 again when If-None-Match holds another ETag', async () => {
    const response = await getMedia({ 'If-None-Match': '"something-else"' })
    expect(response.status).toBe(200)
    expect(response.body.equals(file)).toBe(true)
  })

  it('answers 206 with exactly the first two bytes for Range: bytes=0-1', async () => {
    const response = await getMedia({ Range: 'bytes=0-1' })
    expect(response.status).toBe(206)
    expect(response.headers['content-range']).toBe(`bytes 0-1/${file.length}`)
    expect(response.headers['content-length']).toBe('2')
    expect(response.body.equals(file.subarray(0, 2))).toBe(true)
  })

  it('answers 206 with the last bytes for a suffix range', async () => {
    const response = await getMedia({ Range: 'bytes=-500' })
    expect(response.status).toBe(206)
    expect(response.headers['content-range']).toBe(`bytes ${file.length - 500}-${file.length - 1}/${file.length}`)
    expect(response.body.equals(file.subarray(file.length - 500))).toBe(true)
  })

  it('answers 206 from the offset to the end for an open range', async () => {
    const response = await getMedia({ Range: 'bytes=1000-' })
    expect(response.status).toBe(206)
    expect(response.headers['content-range']).toBe(`bytes 1000-${file.length - 1}/${file.length}`)
    expect(response.body.equals(file.subarray(1000))).toBe(true)
  })

  it('answers 206 with a middle slice, clamped to the end of the file', async () => {
    const response = await getMedia({ Range: `bytes=${file.length - 10}-${file.length + 1000}` })
    expect(response.status).toBe(206)
    expect(response.headers['content-range']).toBe(`bytes ${file.length - 10}-${file.length - 1}/${file.length}`)
    expect(response.body.equals(file.subarray(file.length - 10))).toBe(true)
  })

  it('answers 416 naming the size for a range beyond the file', async () => {
    const response = await getMedia({ Range: `bytes=${file.length}-` })
    expect(response.status).toBe(416)
    expect(response.headers['content-range']).toBe(`bytes */${file.length}`)
    expect(response.body.includes(file.subarray(0, 8))).toBe(false)
  })

  it('answers HEAD with 200, the headers and no body', async () => {
    const response = await getMedia({}, 'HEAD')
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.headers['content-length']).toBe(String(file.length))
    expect(response.headers.etag).toMatch(/^"/)
    expect(response.headers['accept-ranges']).toBe('bytes')
    expect(response.body.length).toBe(0)
  })

  it('answers HEAD with a range with 206 and no body', async () => {
    const response = await getMedia({ Range: 'bytes=0-99' }, 'HEAD')
    expect(response.status).toBe(206)
    expect(response.headers['content-range']).toBe(`bytes 0-99/${file.length}`)
    expect(response.body.length).toBe(0)
  })

  it('refuses to be written to: 405 for JSON, 403 for any other body before it reaches the route', async () => {
    const response = await rawRequest(server, mediaPath, { method: 'PUT', body: '"overwrite"', headers: { 'Content-Type': 'application/json' } })
    expect(response.status).toBe(405)
    const picture = await rawRequest(server, mediaPath, { method: 'PUT', body: 'overwrite', headers: { 'Content-Type': 'image/png' } })
    expect(picture.status).toBe(403)
    expect(readRunFile(server.dataDir, runId, 'output-image.png').equals(file)).toBe(true)
  })
})

describe('GET /api/runs/:id for polling', () => {
  it('gives an ETag, 304 while nothing changed and a new ETag once the run changes', async () => {
    const pollId = await createRun(server, { perspective: 'bauhaus', input_text: 'A kite above a hill' })
    expect((await waitForRun(server, pollId)).status).toBe('awaiting_output')
    const path = `/api/runs/${pollId}`

    const first = await rawRequest(server, path)
    expect(first.status).toBe(200)
    const etag = first.headers.etag as string
    expect(etag).toBeTruthy()
    const unchanged = await rawRequest(server, path, { headers: { 'If-None-Match': etag } })
    expect(unchanged.status).toBe(304)
    expect(unchanged.body.length).toBe(0)

    const edit = await api(server, `/api/runs/${pollId}/interception`, { method: 'PATCH', body: { text: 'A green kite above a windy hill' } })
    expect(edit.status).toBe(200)
    const changed = await rawRequest(server, path, { headers: { 'If-None-Match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.etag).toBeTruthy()
    expect(changed.headers.etag).not.toBe(etag)
    expect(JSON.parse(changed.body.toString('utf8')).interception_text).toBe('A green kite above a windy hill')
  })
})
