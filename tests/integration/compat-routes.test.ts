import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RunMetadata } from '#shared/schemas/run'
import { api, ensureJoined } from '../support/api'
import { download, readRunFile, readRunMetadata, runDir } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

let server: TestServer
let imageRunId: string
let audioRunId: string

interface ExecuteResponse {
  status: string
  run_id: string
  final_output: string | null
  media_output: { type: string, url: string, mime: string, run_id: string } | null
  blocked?: { reason_code: string }
}

const execute = (body: Record<string, unknown>) => api<ExecuteResponse>(server, '/api/schema/pipeline/execute', { body })

beforeAll(async () => {
  server = await startServer()
  await ensureJoined(server)
  const [image, audio] = await Promise.all([
    execute({ schema: 'bauhaus', input_text: 'Ein Haus am See', execution_mode: 'eco' }),
    execute({ schema: 'piglatin', input_text: 'Ein Vogel singt' }),
  ])
  expect(image.status, JSON.stringify(image.body)).toBe(200)
  expect(audio.status, JSON.stringify(audio.body)).toBe(200)
  imageRunId = image.body.run_id
  audioRunId = audio.body.run_id
})

afterAll(async () => {
  await server?.stop()
})

describe('POST /api/schema/pipeline/execute', () => {
  it('waits for the run and answers success with the transformed text and the media', async () => {
    const response = await execute({ schema: 'bauhaus', input_text: 'Ein Fahrrad im Regen' })
    expect(response.status).toBe(200)
    const run = readRunMetadata(server.dataDir, response.body.run_id)
    expect(run.status).toBe('completed')
    expect(response.body).toEqual({
      status: 'success',
      run_id: run.run_id,
      final_output: run.interception_text,
      media_output: { type: 'image', url: `/api/runs/${run.run_id}/media/output-image.png`, mime: 'image/png', run_id: run.run_id },
    })
    const image = await download(server, response.body.media_output!.url)
    expect(image.bytes.equals(readRunFile(server.dataDir, run.run_id, 'output-image.png'))).toBe(true)
  })

  it('uses the perspective\'s default output, sound for a sound perspective', async () => {
    const run = readRunMetadata(server.dataDir, audioRunId)
    expect(run.status).toBe('completed')
    expect(run.output).toBe('audio_builtin')
    expect(run.outputs.map(output => output.filename)).toEqual(['output-audio.wav'])
  })

  it('answers blocked without media for an idea the safety check stops', async () => {
    const response = await execute({ schema: 'bauhaus', input_text: 'Ich will jemanden töten' })
    expect(response.status).toBe(200)
    expect(response.body.status).toBe('blocked')
    expect(response.body.media_output).toBeNull()
    expect(response.body.blocked?.reason_code).toBe('violence')
  })

  it('answers 404 naming an unknown schema', async () => {
    const response = await execute({ schema: 'no_such_schema', input_text: 'Ein Haus' })
    expect(response.status).toBe(404)
    expect((response.body as unknown as { message: string }).message).toContain('no_such_schema')
  })
})

describe('GET /api/media/{image,audio,video}/:run_id', () => {
  it('serves the image of a run', async () => {
    const image = await download(server, `/api/media/image/${imageRunId}`)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.bytes.equals(readRunFile(server.dataDir, imageRunId, 'output-image.png'))).toBe(true)
  })

  it('serves the sound of a run', async () => {
    const audio = await download(server, `/api/media/audio/${audioRunId}`)
    expect(audio.headers.get('content-type')).toBe('audio/wav')
    expect(audio.bytes.equals(readRunFile(server.dataDir, audioRunId, 'output-audio.wav'))).toBe(true)
  })

  it('answers 404 naming audio when the run has no audio', async () => {
    const response = await api(server, `/api/media/audio/${imageRunId}`)
    expect(response.status).toBe(404)
    expect(response.body.message).toBe(`Run "${imageRunId}" has no audio`)
  })

  it('answers 404 naming video when the run has no video', async () => {
    const response = await api(server, `/api/media/video/${imageRunId}`)
    expect(response.status).toBe(404)
    expect(response.body.message).toBe(`Run "${imageRunId}" has no video`)
  })

  it('answers 404 for a media type it does not know', async () => {
    const response = await api(server, `/api/media/hologram/${imageRunId}`)
    expect(response.status).toBe(404)
    expect(response.body.message).toContain('hologram')
  })

  it('answers 404 for a run that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000'
    const response = await api(server, `/api/media/image/${missing}`)
    expect(response.status).toBe(404)
    expect(response.body.message).toContain(missing)
  })
})

describe('run descriptions', () => {
  it('GET /api/media/info/:run_id lists the outputs with their URLs', async () => {
    const response = await api(server, `/api/media/info/${imageRunId}`)
    expect(response.status).toBe(200)
    const run = readRunMetadata(server.dataDir, imageRunId)
    expect(response.body).toEqual({
      run_id: imageRunId,
      status: 'completed',
      outputs: run.outputs.map(output => ({ ...output, url: `/api/runs/${imageRunId}/media/${output.filename}` })),
      input_images: [],
    })
  })

  it('GET /api/media/run/:run_id answers the complete metadata and the files of the run folder', async () => {
    const response = await api(server, `/api/media/run/${imageRunId}`)
    expect(response.status).toBe(200)
    const { files, ...metadata } = response.body
    expect(RunMetadata.parse(metadata)).toEqual(readRunMetadata(server.dataDir, imageRunId))
    expect(files).toEqual(readdirSync(runDir(server.dataDir, imageRunId)).sort())
    expect(files).toEqual(expect.arrayContaining(['metadata.json', 'output-image.png', 'thumbnail-image.webp']))
  })

  it('GET /api/schema/info lists the perspectives and the output configs', async () => {
    const response = await api(server, '/api/schema/info')
    expect(response.status).toBe(200)
    expect(response.body.schemas).toContainEqual(expect.objectContaining({ id: 'bauhaus', default_output: 'image', category: 'art_history' }))
    expect(response.body.schemas).toContainEqual(expect.objectContaining({ id: 'piglatin', default_output: 'audio' }))
    for (const schema of response.body.schemas) expect(Object.keys(schema).sort()).toEqual(['category', 'default_output', 'description', 'id', 'name'])
    expect(response.body.output_configs).toEqual(expect.arrayContaining([
      { id: 'image_builtin', name: { de: 'Bild', en: 'Image', tr: 'Resim', uk: 'Картинка' }, media_type: 'image' },
      { id: 'audio_builtin', name: { de: 'Klang', en: 'Sound', tr: 'Ses', uk: 'Звук' }, media_type: 'audio' },
    ]))
  })
})
