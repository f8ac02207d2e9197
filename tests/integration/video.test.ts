import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMp4 } from '../../media/video/mp4-boxes'
import { api, waitForRun } from '../support/api'
import { rawRequest } from '../support/raw-http'
import { createRun, readRunFile, readRunMetadata, runDir } from '../support/run-files'
import { makeTempDir, startServer, type TestServer } from '../support/server'

/** A school's small video output (quick to make) and a kids limit that every picture reaches. */
function contentDir() {
  const dir = makeTempDir('ai4artsed-content-')
  mkdirSync(join(dir, 'outputs'))
  writeFileSync(join(dir, 'outputs', 'small_video.json'), JSON.stringify({
    id: 'small_video', name: { de: 'Kleines Video', en: 'Small video', tr: 'Küçük video', uk: 'Маленьке відео' }, media_type: 'video', provider: 'builtin_video',
    parameters: { width: 192, height: 128, duration_s: 2, fps: 8 },
  }))
  mkdirSync(join(dir, 'image_check'))
  writeFileSync(join(dir, 'image_check', 'thresholds.json'), JSON.stringify({ kids: { neutral: 0 } }))
  return dir
}

let server: TestServer
let runId: string
let blockedRunId: string
const IDEA = { perspective: 'bauhaus', input_text: 'Ein roter Drache fliegt über das Meer', output: 'small_video' }

beforeAll(async () => {
  server = await startServer({ env: { NUXT_CONTENT_DIR: contentDir() } })
  ;[runId, blockedRunId] = await Promise.all([createRun(server, IDEA), createRun(server, { ...IDEA, safety_level: 'kids' })])
  await Promise.all([runId, blockedRunId].map(id => waitForRun(server, id, run => ['completed', 'blocked', 'failed'].includes(run.status), 120_000)))
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

describe('a built-in video run', () => {
  it('keeps an MP4 with its poster and its facts (length, size, fps, codec) in metadata.json', async () => {
    const output = readRunMetadata(server.dataDir, runId).outputs[0]!
    expect(output).toMatchObject({
      type: 'video', filename: 'output-video.mp4', mime: 'video/mp4', width: 192, height: 128, duration_s: 2,
      details: { fps: 8, codec: 'avc1', container: 'mp4' }, thumbnail: 'thumbnail-video.webp', provider: 'builtin_video', config: 'small_video',
    })
    const facts = readMp4(readRunFile(server.dataDir, runId, 'output-video.mp4'))!
    expect(facts.topLevel.indexOf('moov')).toBeLessThan(facts.topLevel.indexOf('mdat'))
    expect(readdirSync(runDir(server.dataDir, runId)).filter(name => name.startsWith('thumbnail-'))).toEqual(['thumbnail-video.webp'])
  })

  it('passes the picture check on sampled frames and the poster before the student sees it', async () => {
    const stage = readRunMetadata(server.dataDir, runId).stages.find(candidate => candidate.name === 'output_safety')!
    expect(stage).toMatchObject({ status: 'done', provider: 'nsfwjs', detail: { outcome: 'passed' } })
    // Six frames spread over the two seconds, then the poster.
    expect((stage.detail as { classifiers: unknown[] }).classifiers).toHaveLength(7)
  })

  it('serves the video as video/mp4 with ETag, 304 and byte ranges, also at /api/media/video/:run_id', async () => {
    const file = readRunFile(server.dataDir, runId, 'output-video.mp4')
    for (const path of [`/api/runs/${runId}/media/output-video.mp4`, `/api/media/video/${runId}`]) {
      const whole = await rawRequest(server, path, {})
      expect([whole.status, whole.headers['content-type'], whole.headers['accept-ranges']]).toEqual([200, 'video/mp4', 'bytes'])
      expect(whole.body.equals(file)).toBe(true)
      const range = await rawRequest(server, path, { headers: { Range: 'bytes=0-1' } })
      expect([range.status, range.headers['content-range'], range.body.length]).toEqual([206, `bytes 0-1/${file.length}`, 2])
      const again = await rawRequest(server, path, { headers: { 'If-None-Match': whole.headers.etag as string } })
      expect(again.status).toBe(304)
    }
    const poster = await rawRequest(server, `/api/runs/${runId}/media/thumbnail-video.webp`, {})
    expect([poster.status, poster.headers['content-type']]).toEqual([200, 'image/webp'])
  })

  it('shows the student the video with its poster in the run status', async () => {
    const view = (await api<{ outputs: { type: string, url: string, thumbnail_url: string | null, duration_s: number | null }[] }>(server, `/api/runs/${runId}`)).body
    expect(view.outputs).toEqual([expect.objectContaining({ type: 'video', url: `/api/runs/${runId}/media/output-video.mp4`, thumbnail_url: `/api/runs/${runId}/media/thumbnail-video.webp`, duration_s: 2 })])
  })

  it('withholds a kids video whose frames fail the check: neither the video nor its poster reaches a student', async () => {
    const run = readRunMetadata(server.dataDir, blockedRunId)
    expect(run).toMatchObject({ status: 'blocked', outputs: [], blocked: { stage: 'output_safety', reason_code: 'image_unsafe' } })
    for (const path of [`/api/media/video/${blockedRunId}`, `/api/runs/${blockedRunId}/media/output-video.mp4`, `/api/runs/${blockedRunId}/media/thumbnail-video.webp`]) {
      expect((await rawRequest(server, path, {})).status, path).toBe(404)
    }
  })
})
