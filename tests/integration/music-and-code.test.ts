import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, waitForRun } from '../support/api'
import { createRun, download, readRunFile, readRunMetadata, runFileNames } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

const LYRICS = 'Die Katze tanzt auf dem Dach\nsie singt für den Mond'
const HARMFUL = 'Ich will dich töten und erschießen'

describe('a song', () => {
  it('sings the student’s lyrics in the picked style and keeps both in metadata.json and the history', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Eine Katze auf dem Dach', output: 'music_builtin', lyrics: LYRICS, tags: ['folk', 'fast', 'flute'] })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('completed')
    expect(view.outputs[0]).toMatchObject({ type: 'audio', mime: 'audio/wav', duration_s: 20, lyrics: LYRICS, tags: ['folk', 'fast', 'flute'] })
    const run = readRunMetadata(server.dataDir, runId)
    expect([run.lyrics, run.tags]).toEqual([LYRICS, ['folk', 'fast', 'flute']])
    expect(run.prompt_history).toContainEqual(expect.objectContaining({ source: 'student', kind: 'lyrics', text: LYRICS }))
    const { bytes, headers } = await download(server, view.outputs[0]!.url)
    expect([bytes.subarray(0, 4).toString(), headers.get('content-type')]).toEqual(['RIFF', 'audio/wav'])
  })

  it('lets the perspective write the words when the student leaves them, checked before anyone hears them', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Drache fliegt über den Wald' })
    expect((await waitForRun(server, runId)).status).toBe('awaiting_output')
    expect((await api(server, `/api/runs/${runId}/generate`, { method: 'POST', body: { output: 'music_builtin', lyrics: '', tags: ['rock'] } })).status).toBe(202)
    const view = await waitForRun(server, runId, run => ['completed', 'blocked', 'failed'].includes(run.status))
    expect(view.status).toBe('completed')
    const run = readRunMetadata(server.dataDir, runId)
    expect(run.lyrics).toMatch(/drache/i)
    expect(run.prompt_history).toContainEqual({ at: expect.any(String), source: 'interception', kind: 'lyrics', text: run.lyrics })
    expect(run.stages.find(stage => stage.name === 'pre_output')!.detail).toMatchObject({ lyrics: run.lyrics, safe: true })
    expect(view.outputs[0]!.lyrics).toBe(run.lyrics)
  })

  it('blocks lyrics that fail the check before generating, and never shows them', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Hund im Garten' })
    await waitForRun(server, runId)
    await api(server, `/api/runs/${runId}/generate`, { method: 'POST', body: { output: 'music_builtin', lyrics: HARMFUL } })
    const view = await waitForRun(server, runId, run => ['completed', 'blocked', 'failed'].includes(run.status))
    expect([view.status, view.blocked?.stage]).toEqual(['blocked', 'pre_output'])
    expect(JSON.stringify(view)).not.toContain('töten')
    expect(runFileNames(server.dataDir, runId).some(file => file.startsWith('output-'))).toBe(false)
  })

  it('refuses tags it does not know and lyrics that are too long, with a sentence', async () => {
    const tags = await api(server, '/api/runs', { method: 'POST', body: { perspective: 'bauhaus', input_text: 'x y', tags: ['polka'] } })
    const long = await api(server, '/api/runs', { method: 'POST', body: { perspective: 'bauhaus', input_text: 'x y', lyrics: 'la '.repeat(300) } })
    // A string over its length is 413, as for every field (read-json-body.ts).
    expect([tags.status, long.status]).toEqual([400, 413])
    expect(long.body.statusMessage).toMatch(/lyrics.*600 characters/)
  })
})

describe('a p5.js sketch', () => {
  it('is written, served as JavaScript with a thumbnail, and its checked edits are kept in sketch.js and the history', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Eine gelbe Sonne über einem roten Haus', output: 'code_builtin' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('completed')
    const output = view.outputs[0]!
    expect(output).toMatchObject({ type: 'code', mime: 'text/javascript; charset=utf-8', width: 600, height: 400, sketch_url: `/api/runs/${runId}/sketch` })
    const { bytes, headers } = await download(server, output.url)
    expect(headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(bytes.toString()).toContain('function draw()')
    expect((await download(server, output.thumbnail_url!)).headers.get('content-type')).toBe('image/webp')
    const run = readRunMetadata(server.dataDir, runId)
    expect(run.outputs[0]!.details).toMatchObject({ language: 'p5.js', bytes: bytes.length })
    expect(run.stages.find(stage => stage.name === 'output_safety')!.status).not.toBe('blocked')

    const refused = await api(server, `/api/runs/${runId}/sketch`, { method: 'PUT', body: { code: `// ${HARMFUL}\nfunction draw() {}` } })
    expect([refused.status, refused.body.data.reason]).toEqual([422, 'sketch_blocked'])
    const edit = '// Meine Sonne\nfunction setup() { createCanvas(100, 100) }\nfunction draw() { circle(50, 50, 40) }'
    expect((await api(server, `/api/runs/${runId}/sketch`, { method: 'PUT', body: { code: edit } })).status).toBe(200)
    expect((await api(server, `/api/runs/${runId}/sketch`)).body).toEqual({ code: edit, edited: true })
    expect(readRunFile(server.dataDir, runId, 'sketch.js').toString()).toBe(edit)
    const history = readRunMetadata(server.dataDir, runId).prompt_history.filter(entry => entry.kind === 'code')
    expect(history).toEqual([{ at: expect.any(String), source: 'student', kind: 'code', text: edit }])
    // sketch.js is the student's work, not a released media file.
    expect((await api(server, `/api/runs/${runId}/media/sketch.js`)).status).toBe(404)
  })
})
