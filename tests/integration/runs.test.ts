import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunMetadata } from '#shared/schemas/run'
import { api, waitForRun } from '../support/api'
import { createRun, download, readRunFile, readRunMetadata, runFileNames, sha256 } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

/** Every stage ran, and its record says who ran it and when. */
/** Every stage done, in order, with provider, model and timing; `skipped` names the ones that do not apply (the picture check of a sound). */
function expectStagesRecorded(run: RunMetadata, skipped: string[] = []) {
  expect(run.stages.map(stage => stage.name)).toEqual(['input_safety', 'personal_data', 'interception', 'interception_safety', 'pre_output', 'generation', 'output_safety'])
  let previousEnd = Date.parse(run.created_at)
  for (const stage of run.stages) {
    if (skipped.includes(stage.name)) {
      expect(stage.status, stage.name).toBe('skipped')
      continue
    }
    expect(stage.status, stage.name).toBe('done')
    expect(stage.provider, stage.name).toMatch(/\S/)
    expect(stage.model, stage.name).toMatch(/\S/)
    expect(stage.error, stage.name).toBeNull()
    const started = Date.parse(stage.started_at!)
    const finished = Date.parse(stage.finished_at!)
    expect(started, `${stage.name} starts after the stage before it ended`).toBeGreaterThanOrEqual(previousEnd)
    expect(finished - started, `${stage.name} duration_ms`).toBe(stage.duration_ms)
    previousEnd = finished
  }
}

/** The output record describes the file that is really on disk, and its thumbnail is a small WebP. */
async function expectOutputOnDisk(dataDir: string, run: RunMetadata, expected: { type: string, filename: string, mime: string, config: string, provider: string, thumbnail: string }) {
  expect(run.outputs).toHaveLength(1)
  const output = run.outputs[0]!
  expect(output).toMatchObject(expected)
  const bytes = readRunFile(dataDir, run.run_id, output.filename)
  expect(output.bytes).toBe(bytes.length)
  expect(output.sha256).toBe(sha256(bytes))
  expect(Date.parse(output.created_at)).toBeGreaterThanOrEqual(Date.parse(run.created_at))
  const thumbnail = await sharp(readRunFile(dataDir, run.run_id, output.thumbnail!)).metadata()
  expect(thumbnail.format).toBe('webp')
  expect(Math.max(thumbnail.width!, thumbnail.height!)).toBeLessThanOrEqual(256)
  return bytes
}

describe('a full run', () => {
  it('runs all four stages to completed and records each with provider, model and timing', async () => {
    const input = 'Ein Baumhaus mit Rutsche im Wald'
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: input, output: 'image_builtin' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('completed')

    const run = readRunMetadata(server.dataDir, runId)
    expect(run.status).toBe('completed')
    expect(run.output).toBe('image_builtin')
    expect(run.safety_level).toBe('youth')
    expect(run.attempts).toBe(1)
    expectStagesRecorded(run)
    expect(readRunFile(server.dataDir, runId, 'input.txt').toString('utf8')).toBe(input)
    expect(run.interception_text).toMatch(/\S/)
    expect(readRunFile(server.dataDir, runId, 'interception.txt').toString('utf8')).toBe(run.interception_text)
    expect(run.generation_prompt).toBe(run.stages.find(stage => stage.name === 'pre_output')!.detail!.prompt)

    const png = await expectOutputOnDisk(server.dataDir, run, {
      type: 'image', filename: 'output-image.png', mime: 'image/png', config: 'image_builtin', provider: 'builtin_image', thumbnail: 'thumbnail-image.webp',
    })
    const decoded = await sharp(png).metadata()
    expect(decoded.format).toBe('png')
    expect([decoded.width, decoded.height]).toEqual([run.outputs[0]!.width, run.outputs[0]!.height])
    const files = runFileNames(server.dataDir, runId)
    expect(files).toEqual(expect.arrayContaining(['input.txt', 'interception.txt', 'metadata.json']))
    expect(files.filter(name => /^(output|thumbnail)-/.test(name))).toEqual(['output-image.png', 'thumbnail-image.webp'])
  })

  it('serves the bytes of the file on disk at the media URLs of the status document', async () => {
    const runId = await createRun(server, { perspective: 'renaissance', input_text: 'A cat on a red sofa', output: 'image_builtin' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('completed')
    expect(view.outputs).toHaveLength(1)
    const [output] = view.outputs
    expect(output!.url).toBe(`/api/runs/${runId}/media/output-image.png`)
    expect(output!.thumbnail_url).toBe(`/api/runs/${runId}/media/thumbnail-image.webp`)

    const image = await download(server, output!.url)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.bytes.equals(readRunFile(server.dataDir, runId, 'output-image.png'))).toBe(true)
    const thumbnail = await download(server, output!.thumbnail_url!)
    expect(thumbnail.headers.get('content-type')).toBe('image/webp')
    expect(thumbnail.bytes.equals(readRunFile(server.dataDir, runId, 'thumbnail-image.webp'))).toBe(true)
  })
})

describe('a two-step run with an edit', () => {
  it('waits for the student, keeps the edit in the history and generates from the edited text', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A tree house with a slide' })
    const waiting = await waitForRun(server, runId)
    expect(waiting.status).toBe('awaiting_output')
    expect(waiting.interception_text).toMatch(/\S/)
    expect(waiting.outputs).toEqual([])
    const before = readRunMetadata(server.dataDir, runId)
    expect(Object.fromEntries(before.stages.map(stage => [stage.name, stage.status]))).toMatchObject({ input_safety: 'done', interception: 'done', interception_safety: 'done', pre_output: 'pending', generation: 'pending' })
    expect(runFileNames(server.dataDir, runId).filter(name => /^(output|thumbnail)-/.test(name))).toEqual([])

    const edited = 'A tall yellow tree house with a blue slide and three round windows'
    expect(edited).not.toBe(waiting.interception_text)
    const patch = await api(server, `/api/runs/${runId}/interception`, { method: 'PATCH', body: { text: edited } })
    expect(patch.status).toBe(200)
    expect(patch.body.interception_text).toBe(edited)
    expect(patch.body.status).toBe('awaiting_output')

    const history = readRunMetadata(server.dataDir, runId).prompt_history
    expect(history.map(entry => entry.source)).toEqual(['interception', 'student'])
    expect(history[0]!.text).toBe(waiting.interception_text)
    expect(history[1]!.text).toBe(edited)
    expect(Date.parse(history[1]!.at)).toBeGreaterThanOrEqual(Date.parse(history[0]!.at))
    expect(readRunFile(server.dataDir, runId, 'interception.txt').toString('utf8')).toBe(edited)

    const generate = await api(server, `/api/runs/${runId}/generate`, { body: { output: 'image' } })
    expect(generate.status).toBe(202)
    expect(generate.body).toEqual({ run_id: runId, status: 'queued' })
    expect((await waitForRun(server, runId)).status).toBe('completed')

    const run = readRunMetadata(server.dataDir, runId)
    expect(run.output).toBe('image_builtin')
    expectStagesRecorded(run)
    // English idea: nothing to translate, so the prompt generated from is exactly the edit.
    expect(run.stages.find(stage => stage.name === 'pre_output')!.detail).toMatchObject({ translated: false, prompt: edited, safe: true })
    expect(run.generation_prompt).toBe(edited)
    expect(run.prompt_history.map(entry => entry.source)).toEqual(['interception', 'student'])
    await expectOutputOnDisk(server.dataDir, run, {
      type: 'image', filename: 'output-image.png', mime: 'image/png', config: 'image_builtin', provider: 'builtin_image', thumbnail: 'thumbnail-image.webp',
    })
  })

  it('refuses an edit once the run has completed, and leaves the text as it was', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'A lighthouse by the sea', output: 'image_builtin' })
    expect((await waitForRun(server, runId)).status).toBe('completed')
    const before = readRunMetadata(server.dataDir, runId)

    const patch = await api(server, `/api/runs/${runId}/interception`, { method: 'PATCH', body: { text: 'Something else entirely' } })
    expect(patch.status).toBe(409)
    expect(patch.body.message).toMatch(/completed/)

    const after = readRunMetadata(server.dataDir, runId)
    expect(after.interception_text).toBe(before.interception_text)
    expect(after.prompt_history).toEqual(before.prompt_history)
  })
})

describe('one-shot, audio and repeatable runs', () => {
  it('runs straight through when the request names the output by media type, never stopping for the student', async () => {
    const runId = await createRun(server, { perspective: 'renaissance', input_text: 'Ein Hund spielt Fußball', output: 'image' })
    const seen = new Set<string>()
    const view = await waitForRun(server, runId, (run) => {
      seen.add(run.status)
      return ['completed', 'blocked', 'failed', 'cancelled'].includes(run.status)
    })
    expect(view.status).toBe('completed')
    expect(seen.has('awaiting_output')).toBe(false)
    const run = readRunMetadata(server.dataDir, runId)
    expect(run.output).toBe('image_builtin')
    expect(run.prompt_history.map(entry => entry.source)).toEqual(['interception'])
    expectStagesRecorded(run)
  })

  it('makes a WAV sound with its duration for an audio output', async () => {
    const runId = await createRun(server, { perspective: 'piglatin', input_text: 'Die Sonne singt ein Lied', output: 'audio' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('completed')
    expect(view.outputs[0]).toMatchObject({ type: 'audio', mime: 'audio/wav', width: null, height: null })

    const run = readRunMetadata(server.dataDir, runId)
    expectStagesRecorded(run, ['output_safety'])
    const wav = await expectOutputOnDisk(server.dataDir, run, {
      type: 'audio', filename: 'output-audio.wav', mime: 'audio/wav', config: 'audio_builtin', provider: 'builtin_audio', thumbnail: 'thumbnail-audio.webp',
    })
    const output = run.outputs[0]!
    expect(output.duration_s).toBe(6)
    expect(view.outputs[0]!.duration_s).toBe(6)
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF')
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE')
    expect(wavDurationSeconds(wav)).toBeCloseTo(output.duration_s!, 2)

    const served = await download(server, view.outputs[0]!.url)
    expect(served.headers.get('content-type')).toBe('audio/wav')
    expect(served.bytes.equals(wav)).toBe(true)
  })

  it('gives byte-identical images for the same seed, idea and perspective, and a different one for another seed', async () => {
    const request = { perspective: 'bauhaus', input_text: 'Ein Schiff auf dem Meer', output: 'image_builtin' }
    const [first, second, other] = await Promise.all([
      createRun(server, { ...request, seed: 4242 }),
      createRun(server, { ...request, seed: 4242 }),
      createRun(server, { ...request, seed: 99 }),
    ])
    for (const runId of [first, second, other]) expect((await waitForRun(server, runId!)).status).toBe('completed')

    const image = (runId: string) => readRunFile(server.dataDir, runId, 'output-image.png')
    expect(image(first!).equals(image(second!))).toBe(true)
    expect(readRunMetadata(server.dataDir, first!).outputs[0]!.sha256).toBe(readRunMetadata(server.dataDir, second!).outputs[0]!.sha256)
    expect(image(first!).equals(image(other!))).toBe(false)
  })
})

/** Seconds of sound in a PCM WAV, from its fmt and data chunks. */
function wavDurationSeconds(wav: Buffer): number {
  let byteRate = 0
  for (let offset = 12; offset + 8 <= wav.length;) {
    const id = wav.toString('ascii', offset, offset + 4)
    const size = wav.readUInt32LE(offset + 4)
    if (id === 'fmt ') byteRate = wav.readUInt32LE(offset + 16)
    if (id === 'data') return size / byteRate
    offset += 8 + size + (size % 2)
  }
  throw new Error('WAV has no data chunk')
}
