import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import sharp from 'sharp'
import { encodeWav } from '../../media/audio/builtin/wav'
import { videoFile } from './fake-media-files'
import { listenOnLoopback, readJsonBody, sendJson, stopServer } from './fake-http'

/**
 * Replicate's HTTP API on loopback, following replicate/replicate-javascript (lib/predictions.js,
 * lib/models.js) and its HTTP API description: create a prediction by model
 * (`POST /v1/models/{owner}/{name}/predictions`, official models only: any other model is a 404
 * there) or by version (`POST /v1/predictions` with `version`), look a model up
 * (`GET /v1/models/{owner}/{name}` with `latest_version`), follow a prediction with
 * `GET urls.get` (starting → processing → succeeded | failed | canceled | aborted), cancel it,
 * and download its files from /delivery/ until they expire. A `Cancel-After` header on create is
 * the prediction's deadline, as Replicate's changelog of 2025-10-16 ("Set deadlines for
 * predictions") describes it: `aborted` when the deadline passes before the prediction runs,
 * `canceled` when it passes while it runs; durations such as "1m" or "90s". Errors use Replicate's problem shape `{title, detail, status}`.
 * File inputs (a model's `format: uri` inputs) take http(s) URLs or data URLs, as cog reads them
 * (python/cog/types.py: "'data', 'http', or 'https' is supported"); anything else is a 422. The
 * fake decodes a data URL, keeps its bytes in `received`, and fails the prediction as the model's
 * PIL would ("cannot identify image file") when they are no picture.
 */
export interface FakeReplicateModel {
  media: 'image' | 'audio' | 'video'
  /** Flux answers an array of URLs; many audio models one URL string. */
  output: 'array' | 'string'
  /** File extension of the outputs when the input does not choose `output_format`. */
  extension: string
  /** Inputs the model requires (422 without them). */
  required?: string[]
  /** Official models run by name; others only by version. */
  official: boolean
  /** The latest version id (64 hex digits on Replicate). */
  version: string
  /** Inputs that are files (`format: uri` in the model's schema). */
  fileInputs?: string[]
}

/** A file a prediction's input carried as a data URL, decoded. */
export interface ReceivedFile { prediction: string, input: string, mime: string, data: Buffer }

/** `deadline`: Replicate cancels it at the `Cancel-After` the request gave. */
export type PredictionOutcome = 'succeeded' | 'failed' | 'canceled' | 'aborted' | 'deadline'

export interface FakeReplicateOptions {
  apiToken?: string
  /** Models by `owner/name`; the fake knows flux-schnell and an audio model by default. */
  models?: Record<string, FakeReplicateModel>
  /** Polls answering `starting`, then polls answering `processing`, before the outcome. */
  startingPolls?: number
  processingPolls?: number
}

export interface RecordedReplicateRequest {
  method: string
  path: string
  authorization: string | null
  body: Record<string, unknown> | null
  at: number
}

export interface FakeReplicate {
  /** Base URL as a backend config names it: http://127.0.0.1:port/v1 */
  url: string
  requests: RecordedReplicateRequest[]
  /** The next `count` API requests (not file downloads) answer `status`, with Retry-After when given. */
  failNext(count: number, status: 429 | 500 | 502 | 503, retryAfterS?: number): void
  /** How the next predictions end (once each, in order); then they succeed again. */
  endNextWith(...outcomes: PredictionOutcome[]): void
  /** Every answer waits this long first. */
  slow(ms: number): void
  /** Predictions stay `processing` forever (a stuck model). */
  hang(on: boolean): void
  /** Steps before a prediction is done, from now on. */
  setPolls(starting: number, processing: number): void
  /** Every delivered file answers 404 (Replicate deletes them after an hour). */
  expireFiles(): void
  /** What a failed prediction's `error` holds from now on (some models fail with an object). */
  failWith(error: unknown): void
  /** Every data-URL file input received, decoded, in order. */
  readonly received: ReceivedFile[]
  close(): Promise<void>
}

const DEFAULT_MODELS: Record<string, FakeReplicateModel> = {
  'black-forest-labs/flux-schnell': { media: 'image', output: 'array', extension: 'webp', required: ['prompt'], official: true, version: 'c846a69991daf4c0e5d016514849d14ee5b2e6846ce6b9d6f21369e564cfe51e' },
  'meta/musicgen': { media: 'audio', output: 'string', extension: 'wav', required: ['prompt'], official: false, version: '671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb' },
  // An official song model: a style prompt and the lyrics, one MP3 URL back.
  'minimax/music-1.5': { media: 'audio', output: 'string', extension: 'mp3', required: ['prompt', 'lyrics'], official: true, version: '2a0ac2e8f8b3a0d8ce4f4a63e5e5c0cf6f4c93f1d8c2f2e5f3b1c7a3d9e0f4b6' },
  // An official video model: a single mp4 URL (replicate.com/wan-video/wan-2.2-t2v-fast, its OpenAPI output schema: uri).
  'wan-video/wan-2.2-t2v-fast': { media: 'video', output: 'string', extension: 'mp4', required: ['prompt'], official: true, version: '2a1b2d2fe1e4a1b9e4b8c2d1f0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1' },
  // An official picture-editing model: one picture (input_image) and a prompt, one URL back (replicate.com/black-forest-labs/flux-kontext-pro).
  'black-forest-labs/flux-kontext-pro': { media: 'image', output: 'string', extension: 'png', required: ['prompt', 'input_image'], fileInputs: ['input_image'], official: true, version: '0f1178f5a27e9aa2d2d39c8a43c110f7fa7cbf64062ff04a04cd40899e546065' },
  'fofr/sdxl-emoji': { media: 'image', output: 'array', extension: 'png', required: ['prompt'], official: false, version: 'dee76b5afde21b0f01ed7925f0665b7e879c50ee718c5f78a9d38e04d523cc5e' },
}

const MIME: Record<string, string> = { webp: 'image/webp', png: 'image/png', jpg: 'image/jpeg', wav: 'audio/wav', mp3: 'audio/mpeg', mp4: 'video/mp4' }

interface Prediction {
  id: string
  model: string
  version: string
  input: Record<string, unknown>
  logs: string
  output: unknown
  error: unknown
  status: 'starting' | 'processing' | Exclude<PredictionOutcome, 'deadline'>
  created_at: string
  started_at?: string
  completed_at?: string
  urls: { get: string, cancel: string, stream: string, web: string }
  metrics?: Record<string, number>
  /** Fake-only bookkeeping, not sent. */
  polls: number
  outcome: PredictionOutcome
  spec: FakeReplicateModel
  /** Seconds from Cancel-After, when the request gave one. */
  cancelAfterS: number | null
  /** A file input the model could not open, as its error says. */
  unreadable: string | null
}

/** Cancel-After as Replicate reads it: "90s", "5m", "1m30s" or plain seconds. */
function durationSeconds(header: string | string[] | undefined): number | null {
  if (typeof header !== 'string') return null
  if (/^\d+$/.test(header)) return Number(header)
  const parts = [...header.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)]
  if (parts.length === 0) return null
  return parts.reduce((sum, [, value, unit]) => sum + Number(value) * ({ h: 3600, m: 60, s: 1 } as Record<string, number>)[unit!]!, 0)
}

function problem(response: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/problem+json', ...headers })
  response.end(JSON.stringify({ title, detail, status }))
}


/** One second of a 440 Hz tone as 16-bit PCM WAV. */
function tone(): Buffer {
  const rate = 8000
  return encodeWav(Float32Array.from({ length: rate }, (_, index) => Math.sin(2 * Math.PI * 440 * index / rate) * 12000 / 32767), rate)
}

async function fileFor(extension: string, input: Record<string, unknown>): Promise<Buffer> {
  if (extension === 'wav') return tone()
  if (extension === 'mp4') return videoFile('mp4', 160, 96)
  if (extension === 'mp3') return Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'binary'), randomBytes(256)])
  const side = typeof input.width === 'number' ? input.width : 64
  const height = typeof input.height === 'number' ? input.height : side
  return sharp({ create: { width: side, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .toFormat(extension === 'jpg' ? 'jpeg' : extension as 'png' | 'webp')
    .toBuffer()
}

function progressLogs(step: number, total: number): string {
  const lines = ['Using seed: 42', 'running quantized prediction']
  for (let done = 0; done <= step; done++) {
    const percent = Math.round(done / total * 100)
    lines.push(`${String(percent).padStart(3)}%|${'█'.repeat(Math.round(percent / 10)).padEnd(10)}| ${done}/${total} [00:0${done}<00:00,  3.10it/s]`)
  }
  return lines.join('\n')
}

function publicView(prediction: Prediction) {
  const { polls: _polls, outcome: _outcome, spec: _spec, cancelAfterS: _cancelAfterS, unreadable: _unreadable, ...view } = prediction
  return { data_removed: false, source: 'api', ...view }
}

export async function startFakeReplicate(options: FakeReplicateOptions = {}): Promise<FakeReplicate> {
  const apiToken = options.apiToken ?? 'r8_test'
  const models = options.models ?? DEFAULT_MODELS
  let startingPolls = options.startingPolls ?? 1
  let processingPolls = options.processingPolls ?? 2
  const requests: RecordedReplicateRequest[] = []
  const predictions = new Map<string, Prediction>()
  const files = new Map<string, { data: Buffer, mime: string }>()
  let failures: { count: number, status: number, retryAfterS?: number } = { count: 0, status: 500 }
  let outcomes: PredictionOutcome[] = []
  let delayMs = 0
  let hanging = false
  let filesExpired = false
  let failure: unknown = 'CUDA out of memory. Tried to allocate 2.00 GiB'
  let origin = ''
  const received: ReceivedFile[] = []

  /** A file input as cog takes it: a data URL decoded (its bytes kept), an http(s) URL as it is; else the 422. */
  async function fileInputProblem(id: string, name: string, value: unknown): Promise<{ invalid: string } | { unreadable: boolean }> {
    const text = typeof value === 'string' ? value : ''
    const dataUrl = /^data:([\w/+.-]+)?(;base64)?,(.*)$/s.exec(text)
    if (!dataUrl) return /^https?:\/\//.test(text) ? { unreadable: false } : { invalid: `- input.${name}: Does not match format 'uri'` }
    const data = dataUrl[2] ? Buffer.from(dataUrl[3]!, 'base64') : Buffer.from(decodeURIComponent(dataUrl[3]!))
    received.push({ prediction: id, input: name, mime: dataUrl[1] ?? 'text/plain', data })
    return { unreadable: !(await sharp(data).metadata().then(() => true, () => false)) }
  }

  const byVersion = (version: string) => Object.entries(models).find(([name, spec]) => spec.version === version || `${name}:${spec.version}` === version)

  async function create(request: IncomingMessage, response: ServerResponse, model: string, input: Record<string, unknown>) {
    const spec = models[model]
    if (!spec) return problem(response, 404, 'Not found', 'The requested resource could not be found.')
    const version = spec.version
    const missing = (spec.required ?? []).filter(name => input[name] === undefined)
    if (missing.length > 0) return problem(response, 422, 'Input validation failed', missing.map(name => `- input: ${name} is required`).join('\n'))
    const id = randomBytes(13).toString('hex').slice(0, 26)
    let unreadable: string | null = null
    for (const name of (spec.fileInputs ?? []).filter(name => input[name] !== undefined)) {
      const found = await fileInputProblem(id, name, input[name])
      if ('invalid' in found) return problem(response, 422, 'Input validation failed', found.invalid)
      if (found.unreadable) unreadable ??= name
    }
    const prediction: Prediction = {
      id, model, version, input, logs: '', output: null, error: null, status: 'starting',
      created_at: new Date().toISOString(),
      urls: {
        get: `${origin}/v1/predictions/${id}`,
        cancel: `${origin}/v1/predictions/${id}/cancel`,
        stream: `${origin}/v1/stream/${id}`,
        web: `https://replicate.com/p/${id}`,
      },
      polls: 0, outcome: outcomes.shift() ?? 'succeeded', spec, cancelAfterS: durationSeconds(request.headers['cancel-after']), unreadable,
    }
    predictions.set(id, prediction)
    sendJson(response, 201, publicView(prediction))
  }

  async function advance(prediction: Prediction) {
    if (!['starting', 'processing'].includes(prediction.status)) return
    prediction.polls += 1
    if (prediction.outcome === 'aborted' && prediction.polls > startingPolls) {
      // Aborted: terminated before it ever ran (a deadline passed while it waited for hardware).
      Object.assign(prediction, { status: 'aborted', completed_at: new Date().toISOString() })
      return
    }
    if (prediction.polls <= startingPolls) return
    const step = prediction.polls - startingPolls
    if (hanging || step <= processingPolls) {
      prediction.status = 'processing'
      prediction.started_at ??= new Date().toISOString()
      prediction.logs = progressLogs(Math.min(step, processingPolls), processingPolls + 1)
      return
    }
    prediction.completed_at = new Date().toISOString()
    if (prediction.outcome === 'deadline' && prediction.cancelAfterS != null) {
      const deadline = new Date(Date.parse(prediction.created_at) + prediction.cancelAfterS * 1000).toISOString()
      Object.assign(prediction, { status: 'canceled', completed_at: deadline })
      return
    }
    if (prediction.unreadable) {
      Object.assign(prediction, { status: 'failed', error: `cannot identify image file '/tmp/inputs/${prediction.unreadable}'`, logs: `${prediction.logs}\nPIL.UnidentifiedImageError` })
      return
    }
    if (prediction.outcome === 'failed') {
      Object.assign(prediction, { status: 'failed', error: failure, logs: `${prediction.logs}\nTraceback (most recent call last):\ntorch.OutOfMemoryError` })
      return
    }
    if (prediction.outcome === 'canceled') {
      Object.assign(prediction, { status: 'canceled' })
      return
    }
    const extension = typeof prediction.input.output_format === 'string' && MIME[prediction.input.output_format] ? prediction.input.output_format : prediction.spec.extension
    const count = prediction.spec.output === 'array' && typeof prediction.input.num_outputs === 'number' ? prediction.input.num_outputs : 1
    const urls: string[] = []
    for (let index = 0; index < count; index++) {
      const name = `${prediction.id}/out-${index}.${extension}`
      files.set(name, { data: await fileFor(extension, prediction.input), mime: MIME[extension]! })
      urls.push(`${origin}/delivery/${name}`)
    }
    Object.assign(prediction, {
      status: 'succeeded',
      logs: progressLogs(processingPolls + 1, processingPolls + 1),
      output: prediction.spec.output === 'array' ? urls : urls[0],
      metrics: { predict_time: 0.8, total_time: 1.2 },
    })
  }

  async function route(request: IncomingMessage, response: ServerResponse, path: string, body: Record<string, unknown> | null) {
    if (request.method === 'GET' && path.startsWith('/delivery/')) {
      const file = filesExpired ? undefined : files.get(path.slice('/delivery/'.length))
      if (!file) return problem(response, 404, 'Not found', 'The requested file could not be found.')
      response.writeHead(200, { 'content-type': file.mime, 'content-length': String(file.data.length) })
      return response.end(file.data)
    }
    if (request.headers.authorization !== `Bearer ${apiToken}`) {
      return problem(response, 401, 'Unauthenticated', 'You did not pass a valid authentication token')
    }
    if (failures.count > 0) {
      failures.count -= 1
      const headers: Record<string, string> = failures.retryAfterS != null ? { 'retry-after': String(failures.retryAfterS) } : {}
      if (failures.status === 429) return problem(response, 429, 'Request was throttled.', `Request was throttled. Expected available in ${failures.retryAfterS ?? 1} second.`, headers)
      return problem(response, failures.status, 'Internal Server Error', 'Something went wrong on our side.', headers)
    }
    if (request.method === 'GET' && path === '/v1/account') {
      return sendJson(response, 200, { type: 'user', username: 'fake-school', name: 'Fake School', github_url: null })
    }
    const modelPath = /^\/v1\/models\/([^/]+)\/([^/]+)(\/predictions)?$/.exec(path)
    const named = modelPath ? models[`${modelPath[1]}/${modelPath[2]}`] : undefined
    if (request.method === 'GET' && modelPath && !modelPath[3]) {
      if (!named) return problem(response, 404, 'Not found', 'The requested resource could not be found.')
      return sendJson(response, 200, {
        url: `https://replicate.com/${modelPath[1]}/${modelPath[2]}`, owner: modelPath[1], name: modelPath[2], description: 'A fake model',
        visibility: 'public', github_url: null, paper_url: null, license_url: null, run_count: 1234, cover_image_url: null, default_example: null,
        latest_version: { id: named.version, created_at: '2025-01-01T00:00:00.000Z', cog_version: '0.9.4', openapi_schema: {} },
      })
    }
    if (request.method === 'POST' && modelPath?.[3]) {
      // Only official models run by name; for any other this endpoint does not exist.
      if (!named?.official) return problem(response, 404, 'Not found', 'The requested resource could not be found.')
      if (!body || typeof body.input !== 'object' || !body.input) return problem(response, 422, 'Input validation failed', '- input: input is required')
      return create(request, response, `${modelPath[1]}/${modelPath[2]}`, body.input as Record<string, unknown>)
    }
    if (request.method === 'POST' && path === '/v1/predictions') {
      if (!body || typeof body.version !== 'string') return problem(response, 422, 'Input validation failed', '- version: version is required')
      if (!body.input || typeof body.input !== 'object') return problem(response, 422, 'Input validation failed', '- input: input is required')
      const found = byVersion(body.version)
      if (!found) return problem(response, 422, 'Invalid version or not permitted', 'The specified version does not exist (or perhaps you don\'t have permission to use it?)')
      return create(request, response, found[0], body.input as Record<string, unknown>)
    }
    const one = /^\/v1\/predictions\/([a-z0-9]+)(\/cancel)?$/.exec(path)
    const prediction = one ? predictions.get(one[1]!) : undefined
    if (one && !prediction) return problem(response, 404, 'Not found', 'The requested resource could not be found.')
    if (prediction && request.method === 'GET' && !one![2]) {
      await advance(prediction)
      return sendJson(response, 200, publicView(prediction))
    }
    if (prediction && request.method === 'POST' && one![2]) {
      if (prediction.status === 'starting' || prediction.status === 'processing') {
        Object.assign(prediction, { status: 'canceled', completed_at: new Date().toISOString() })
      }
      return sendJson(response, 200, publicView(prediction))
    }
    problem(response, 404, 'Not found', 'The requested resource could not be found.')
  }

  const server = createServer(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0]!
    // Recorded as null when it is not JSON.
    const body = await readJsonBody(request)
    requests.push({ method: request.method ?? 'GET', path, authorization: request.headers.authorization ?? null, body, at: Date.now() })
    if (delayMs > 0) await new Promise(resolve => setTimeout(resolve, delayMs))
    if (response.destroyed) return
    await route(request, response, path, body)
  })

  origin = `http://127.0.0.1:${await listenOnLoopback(server)}`
  return {
    url: `${origin}/v1`,
    requests,
    failNext(count, status, retryAfterS) { failures = { count, status, retryAfterS } },
    endNextWith(...next) { outcomes = next },
    slow(ms) { delayMs = ms },
    hang(on) { hanging = on },
    setPolls(starting, processing) { startingPolls = starting; processingPolls = processing },
    expireFiles() { filesExpired = true },
    failWith(error) { failure = error },
    received,
    close: () => stopServer(server),
  }
}
