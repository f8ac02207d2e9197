import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_ADMIN_PASSWORD, signInAsLeader } from '../support/admin'
import { api, healthDetails, waitForRun } from '../support/api'
import { rawRequest } from '../support/raw-http'
import { createRun, runDir } from '../support/run-files'
import { startS3, type TestS3 } from '../support/s3'
import { makeTempDir, startExpectingExit, startServer, type TestServer } from '../support/server'

const BUCKET = 'media-int'
const PREFIX = 'school-a'

let s3: TestS3
let server: TestServer
let imageRunId: string
let audioRunId: string

const s3Env = (extra: Record<string, string> = {}) => ({ ...s3.serverEnv(BUCKET), NUXT_S3_PREFIX: PREFIX, ...extra })

async function objectBytes(runId: string, file: string): Promise<{ bytes: Buffer, etag: string, contentType: string }> {
  const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}/${runId}/${file}` }))
  return { bytes: Buffer.from(await object.Body!.transformToByteArray()), etag: object.ETag!, contentType: object.ContentType! }
}

beforeAll(async () => {
  s3 = await startS3([BUCKET])
  server = await startServer({ env: s3Env({ NUXT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }) })
  imageRunId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Zug fährt über eine Brücke', output: 'image_builtin' })
  audioRunId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Vogel singt am Morgen', output: 'audio_builtin' })
  expect((await waitForRun(server, imageRunId)).status).toBe('completed')
  expect((await waitForRun(server, audioRunId)).status).toBe('completed')
})

afterAll(async () => {
  await server?.stop()
  await s3?.stop()
})

describe('media in an S3 bucket', () => {
  it('keeps outputs and thumbnails in the bucket with their types, and metadata in the data dir', async () => {
    const image = await objectBytes(imageRunId, 'output-image.png')
    expect(image.contentType).toBe('image/png')
    expect(image.bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect((await objectBytes(imageRunId, 'thumbnail-image.webp')).contentType).toBe('image/webp')
    expect((await objectBytes(audioRunId, 'output-audio.wav')).contentType).toBe('audio/wav')
    expect(existsSync(join(runDir(server.dataDir, imageRunId), 'output-image.png'))).toBe(false)
    expect(existsSync(join(runDir(server.dataDir, imageRunId), 'metadata.json'))).toBe(true)

    const compat = await api(server, `/api/media/run/${imageRunId}`)
    expect(compat.body.files).toEqual([...readdirSync(runDir(server.dataDir, imageRunId)), 'output-image.png', 'thumbnail-image.webp'].sort())
    expect(compat.body.files).toContain('metadata.json')
  })

  it('serves an image with its type and the bucket ETag, 304 for that ETag', async () => {
    const image = await objectBytes(imageRunId, 'output-image.png')
    const path = `/api/runs/${imageRunId}/media/output-image.png`
    const response = await rawRequest(server, path)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.headers['accept-ranges']).toBe('bytes')
    expect(response.headers.etag).toBe(image.etag)
    expect(response.body.equals(image.bytes)).toBe(true)
    const again = await rawRequest(server, path, { headers: { 'If-None-Match': image.etag } })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
  })

  it('serves ranges of audio with 206, HEAD without a body, and 416 past the end', async () => {
    const audio = (await objectBytes(audioRunId, 'output-audio.wav')).bytes
    const path = `/api/media/audio/${audioRunId}`
    const whole = await rawRequest(server, path)
    expect(whole.status).toBe(200)
    expect(whole.body.equals(audio)).toBe(true)

    const first = await rawRequest(server, path, { headers: { Range: 'bytes=0-1' } })
    expect(first.status).toBe(206)
    expect(first.headers['content-range']).toBe(`bytes 0-1/${audio.length}`)
    expect(first.body.equals(audio.subarray(0, 2))).toBe(true)

    const tail = await rawRequest(server, path, { headers: { Range: 'bytes=-100' } })
    expect(tail.status).toBe(206)
    expect(tail.body.equals(audio.subarray(audio.length - 100))).toBe(true)

    const head = await rawRequest(server, path, { method: 'HEAD', headers: { Range: 'bytes=10-19' } })
    expect(head.status).toBe(206)
    expect(head.headers['content-length']).toBe('10')
    expect(head.body.length).toBe(0)

    const beyond = await rawRequest(server, path, { headers: { Range: `bytes=${audio.length}-` } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${audio.length}`)
  })

  it('reports the s3 driver, the bucket location and the data dir on /api/health, never the secret', async () => {
    const response = { body: await healthDetails(server) }
    expect(response.body.storage).toEqual({
      driver: 's3',
      location: `s3://${BUCKET}/${PREFIX}`,
      data_dir: realpathSync(server.dataDir),
      id: expect.any(String),
    })
    expect(server.output()).toContain(`media: s3://${BUCKET}/${PREFIX}`)
  })

  it('exports a run whole: texts from the data dir, media from the bucket, as in one folder', async () => {
    const leader = await signInAsLeader(server)
    const response = await fetch(`${server.url}/api/admin/export?ids=${imageRunId}`, { headers: { cookie: leader.cookieHeader } })
    expect(response.status).toBe(200)
    const dir = makeTempDir('ai4artsed-s3-export-')
    writeFileSync(join(dir, 'export.zip'), Buffer.from(await response.arrayBuffer()))
    execFileSync('unzip', ['-q', 'export.zip'], { cwd: dir })
    const exported = join(dir, 'runs', imageRunId)
    expect(readdirSync(exported).sort()).toEqual(['input.txt', 'interception.txt', 'metadata.json', 'output-image.png', 'prompt-history.json', 'thumbnail-image.webp'])
    expect(readFileSync(join(exported, 'input.txt'), 'utf8')).toBe('Ein Zug fährt über eine Brücke')
    expect(readFileSync(join(exported, 'output-image.png')).equals((await objectBytes(imageRunId, 'output-image.png')).bytes)).toBe(true)
  })

  it('removes a deleted run\'s objects from the bucket', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'Ein Boot im Hafen', output: 'image_builtin' })
    expect((await waitForRun(server, runId)).status).toBe('completed')
    const objectsOf = async () => (await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}/${runId}/` }))).KeyCount
    expect(await objectsOf()).toBe(2)
    const leader = await signInAsLeader(server)
    const deleted = await api(server, `/api/admin/runs/${runId}`, { method: 'DELETE', body: { reason: 'Test' }, device: leader })
    expect(deleted.status).toBe(204)
    expect(await objectsOf()).toBe(0)
    expect((await rawRequest(server, `/api/runs/${runId}/media/output-image.png`)).status).toBe(404)
  })
})

describe('presigned redirects', () => {
  it('answers 302 to a short-lived bucket URL that serves ranges itself', async () => {
    const presigning = await startServer({ env: s3Env({ NUXT_S3_PRESIGN_SECONDS: '60' }) })
    try {
      const runId = await createRun(presigning, { perspective: 'bauhaus', input_text: 'Regen auf dem Dach', output: 'audio_builtin' })
      expect((await waitForRun(presigning, runId)).status).toBe('completed')
      const audio = (await objectBytes(runId, 'output-audio.wav')).bytes
      const response = await rawRequest(presigning, `/api/runs/${runId}/media/output-audio.wav`)
      expect(response.status).toBe(302)
      expect(response.headers['cache-control']).toBe('private, no-store')
      const location = response.headers.location as string
      expect(location.startsWith(`${s3.endpoint}/${BUCKET}/${PREFIX}/${runId}/output-audio.wav?`)).toBe(true)
      expect(location).toContain('X-Amz-Expires=60')

      const ranged = await fetch(location, { headers: { Range: 'bytes=0-1' } })
      expect(ranged.status).toBe(206)
      expect(ranged.headers.get('content-type')).toBe('audio/wav')
      expect(Buffer.from(await ranged.arrayBuffer()).equals(audio.subarray(0, 2))).toBe(true)

      const missing = await rawRequest(presigning, `/api/runs/${runId}/media/output-image.png`)
      expect(missing.status).toBe(404)
    }
    finally {
      await presigning.stop()
    }
  })
})

describe('a bucket that does not work', () => {
  it('stops the server at start, naming endpoint and bucket but not the secret', async () => {
    const secret = 'not-the-right-secret-1234'
    const { code, output } = await startExpectingExit({ env: s3Env({ NUXT_S3_BUCKET: 'no-such-bucket', NUXT_S3_SECRET_ACCESS_KEY: secret }) })
    expect(code).toBe(1)
    expect(output).toMatch(/refusing to start: S3 storage \(endpoint http:\/\/127\.0\.0\.1:\d+, bucket "no-such-bucket"\)/)
    expect(output).not.toContain(secret)
  })
})
