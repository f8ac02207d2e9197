import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitForRun } from '../support/api'
import { type RawResponse, rawRequest } from '../support/raw-http'
import { createRun, readRunFile, runDir } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'

let server: TestServer
let runId: string
let storageId: string
let metadataText: string
const OUTSIDE_SECRET = 'OUTSIDE-SECRET-7f3a9c'
let outsideFile: string

beforeAll(async () => {
  server = await startServer()
  runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Leuchtturm im Sturm', output: 'image_builtin' })
  expect((await waitForRun(server, runId)).status).toBe('completed')
  storageId = readFileSync(join(server.dataDir, 'storage-id'), 'utf8').trim()
  metadataText = readRunFile(server.dataDir, runId, 'metadata.json').toString('utf8')
  const outside = makeTempDir('ai4artsed-outside-')
  outsideFile = join(outside, 'secret.png')
  writeFileSync(outsideFile, `${OUTSIDE_SECRET}\n`.repeat(64))
})

afterAll(async () => {
  await server?.stop()
})

/** Not found, and nothing of what lies outside the run's media in the answer. */
function expectNothingLeaked(response: RawResponse) {
  expect(response.status).toBe(404)
  const body = response.body.toString('latin1')
  expect(body).not.toContain(storageId)
  expect(body).not.toContain(OUTSIDE_SECRET)
  expect(body).not.toContain('"schema_version"')
  expect(body).not.toContain('root:')
  expect(response.body.includes(readRunFile(server.dataDir, runId, 'output-image.png').subarray(0, 16))).toBe(false)
  expect(metadataText.length).toBeGreaterThan(0)
}

describe('file names the media route must not serve', () => {
  const cases: Array<[string, () => string]> = [
    ['a bare ..', () => '%2e%2e'],
    ['an encoded ../metadata.json', () => '..%2fmetadata.json'],
    ['an encoded ../../storage-id', () => '..%2f..%2fstorage-id'],
    ['a fully encoded %2e%2e%2f%2e%2e%2fstorage-id', () => '%2e%2e%2f%2e%2e%2fstorage-id'],
    ['backslashes ..\\..\\storage-id', () => '..%5c..%5cstorage-id'],
    ['an absolute path', () => '%2Fetc%2Fpasswd'],
    ['the absolute path of a file outside the data dir', () => encodeURIComponent(outsideFile)],
    ['a NUL byte after a real file name', () => 'output-image.png%00'],
    ['a NUL byte before another extension', () => 'output-image.png%00.txt'],
    ['metadata.json', () => 'metadata.json'],
    ['input.txt', () => 'input.txt'],
    ['a dot file a killed writer could leave', () => '.output-image.png.123.abcdef.tmp'],
  ]
  it.each(cases)('rejects %s', async (_label, file) => {
    expectNothingLeaked(await rawRequest(server, `/api/runs/${runId}/media/${file()}`))
  })

  it('rejects raw ../ segments sent as-is', async () => {
    expectNothingLeaked(await rawRequest(server, `/api/runs/${runId}/media/../../../storage-id`))
    expectNothingLeaked(await rawRequest(server, `/api/runs/${runId}/media/output-image.png/../../metadata.json`))
  })
})

describe('run ids that are not ours', () => {
  const ids: Array<[string, string]> = [
    ['..', '%2e%2e'],
    ['../../storage-id', '..%2f..%2fstorage-id'],
    ['an absolute path', '%2Ftmp'],
    ['backslashes', '..%5c..%5cruns'],
    ['a NUL byte after a real id', 'RUN%00'],
  ]
  it.each(ids)('rejects a run id that escapes the data dir: %s', async (_label, rawId) => {
    const id = rawId.replace('RUN', runId)
    for (const path of [
      `/api/runs/${id}/media/output-image.png`,
      `/api/runs/${id}`,
      `/api/media/image/${id}`,
      `/api/media/info/${id}`,
      `/api/media/run/${id}`,
    ]) {
      const response = await rawRequest(server, path)
      expect(response.status, path).toBe(404)
      expectNothingLeaked(response)
    }
  })
})

describe('symlinks inside the data dir', () => {
  it('does not follow a symlink in a run folder that points outside the data dir', async () => {
    symlinkSync(outsideFile, join(runDir(server.dataDir, runId), 'output-secret.png'))
    const response = await rawRequest(server, `/api/runs/${runId}/media/output-secret.png`)
    expectNothingLeaked(response)
    const head = await rawRequest(server, `/api/runs/${runId}/media/output-secret.png`, { method: 'HEAD' })
    expect(head.status).toBe(404)
    expect(head.headers['content-length']).not.toBe(String(readFileSync(outsideFile).length))
  })

  it('does not follow a symlinked run folder that points outside the data dir', async () => {
    const outsideRun = makeTempDir('ai4artsed-outside-run-')
    mkdirSync(outsideRun, { recursive: true })
    writeFileSync(join(outsideRun, 'output-image.png'), readFileSync(outsideFile))
    const fakeId = '11111111-2222-4333-8444-555555555555'
    symlinkSync(outsideRun, runDir(server.dataDir, fakeId))
    expectNothingLeaked(await rawRequest(server, `/api/runs/${fakeId}/media/output-image.png`))
  })
})
