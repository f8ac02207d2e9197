import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { describeForm, listenOnLoopback, readFormData, readRequestBody, sendJson, stopServer } from './fake-http'

/**
 * An OpenAI-compatible image API on loopback: `POST /v1/images/generations` with the real field
 * names and error shapes, following openai/openai-openapi (CreateImageRequest, ImagesResponse,
 * Error). GPT image models answer base64 only and reject `response_format`; DALL·E models answer
 * `url` (served here under /files/) or `b64_json`. `quality` is checked per family: GPT image
 * low/medium/high/auto, DALL·E 3 standard/hd, DALL·E 2 standard. An organisation not verified
 * for a model gets OpenAI's 403; a refused prompt comes as `moderation_blocked`,
 * `content_policy_violation`, or (`refusal: 'user_error'`) type `image_generation_user_error`
 * with no code.
 *
 * `POST /v1/images/edits` (openai-openapi createImageEdit, CreateImageEditRequest) takes the same
 * fields as multipart/form-data with the pictures as `image` or `image[]`: GPT image models up to
 * 16 png/webp/jpg files, `dall-e-2` one square png, other models none. A file without an image
 * type answers `unsupported_file_mimetype`, bytes that are no picture `invalid_image_file`; the
 * answer is the same ImagesResponse. Recorded bodies hold the files as { filename, mime, data }.
 *
 * For tests that need a generation in progress, `hold()` keeps every answer back until
 * `release()`: a picture that is mid-generation exactly as long as the test wants.
 */
export interface FakeOpenAiImagesOptions {
  /** The only key accepted; anything else answers 401. */
  apiKey?: string
  /** A prompt containing this word is refused by the "safety system". */
  blockedWord?: string
  /** How a GPT image model refuses: `moderation_blocked` (default) or the codeless `image_generation_user_error`. */
  refusal?: 'moderation_blocked' | 'user_error'
  /** Models the key's organisation is not verified for (403). */
  unverifiedModels?: string[]
}

export interface RecordedImageRequest {
  method: string
  path: string
  authorization: string | null
  body: Record<string, unknown> | null
  at: number
}

export interface FakeOpenAiImages {
  /** Base URL as a backend config names it: http://127.0.0.1:port/v1 */
  url: string
  requests: RecordedImageRequest[]
  /** The next `count` generation requests answer `status` (429 and 503 with Retry-After when given). */
  failNext(count: number, status: 429 | 500 | 503, retryAfterS?: number): void
  /** Every answer waits this long first. */
  slow(ms: number): void
  /** Files served under /files/ answer 404 from now on (the hour is over). */
  expireFiles(): void
  /** DALL·E answers `url` whatever `response_format` asks, like some OpenAI-compatible servers. */
  alwaysAnswerUrls(on: boolean): void
  /** Generations wait, unanswered, until `release()`; a client that hangs up is forgotten. */
  hold(): void
  /** Answers every held generation and stops holding. */
  release(): void
  /** Generation requests waiting for `release()` now. */
  readonly held: number

  close(): Promise<void>
}

const SIZES: Record<string, string[]> = {
  'gpt-image': ['1024x1024', '1536x1024', '1024x1536', 'auto'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
  'dall-e-2': ['256x256', '512x512', '1024x1024'],
}

const QUALITIES: Record<string, string[]> = {
  'gpt-image': ['low', 'medium', 'high', 'auto'],
  'dall-e-3': ['standard', 'hd'],
  'dall-e-2': ['standard'],
}

function family(model: string): keyof typeof SIZES | null {
  if (model.startsWith('gpt-image')) return 'gpt-image'
  if (model === 'dall-e-3' || model === 'dall-e-2') return model
  return null
}

function openAiError(response: ServerResponse, status: number, error: { message: string, type: string, param?: string | null, code?: string | null }, headers: Record<string, string> = {}) {
  sendJson(response, status, { error: { param: null, code: null, ...error } }, headers)
}

async function picture(width: number, height: number, format: 'png' | 'jpeg' | 'webp', seed: number): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: 160 } } })
  return image.toFormat(format).toBuffer()
}

function parseJson(raw: Buffer): Record<string, unknown> | null {
  if (raw.length === 0) return null
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>
  }
  catch {
    return null
  }
}

export async function startFakeOpenAiImages(options: FakeOpenAiImagesOptions = {}): Promise<FakeOpenAiImages> {
  const apiKey = options.apiKey ?? 'sk-test'
  const blockedWord = (options.blockedWord ?? 'forbidden').toLowerCase()
  const requests: RecordedImageRequest[] = []
  const files = new Map<string, { data: Buffer, mime: string }>()
  let failures: { count: number, status: number, retryAfterS?: number } = { count: 0, status: 500 }
  let delayMs = 0
  let filesExpired = false
  let urlsAlways = false
  let counter = 0
  let holding: { promise: Promise<void>, release: () => void } | null = null
  let held = 0

  /** False when the client went away while held. */
  async function waitForRelease(response: ServerResponse): Promise<boolean> {
    if (!holding) return true
    held += 1
    const gone = new Promise<false>(resolve => response.once('close', () => resolve(false)))
    const answered = await Promise.race([holding.promise.then(() => true), gone])
    held -= 1
    return answered && !response.destroyed
  }

  async function generations(request: IncomingMessage, response: ServerResponse, origin: string, body: Record<string, unknown>) {
    if (!(await waitForRelease(response))) return
    if (failures.count > 0) {
      failures.count -= 1
      const headers: Record<string, string> = failures.retryAfterS != null ? { 'retry-after': String(failures.retryAfterS) } : {}
      if (failures.status === 429) return openAiError(response, 429, { message: 'Rate limit reached for images per minute. Please try again later.', type: 'requests', code: 'rate_limit_exceeded' }, headers)
      if (failures.status === 503) return openAiError(response, 503, { message: 'The engine is currently overloaded, please try again later', type: 'server_error' }, headers)
      return openAiError(response, failures.status, { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error' }, headers)
    }
    const model = typeof body.model === 'string' ? body.model : 'dall-e-2'
    const kind = family(model)
    if (!kind) return openAiError(response, 404, { message: `The model '${model}' does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found' })
    if (options.unverifiedModels?.includes(model)) {
      return openAiError(response, 403, { message: `Your organization must be verified to use the model \`${model}\`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.`, type: 'invalid_request_error' })
    }
    const prompt = body.prompt
    if (typeof prompt !== 'string' || prompt.length === 0) return openAiError(response, 400, { message: 'Missing required parameter: \'prompt\'.', type: 'invalid_request_error', param: 'prompt', code: 'missing_required_parameter' })
    if (kind === 'gpt-image' && 'response_format' in body) {
      return openAiError(response, 400, { message: 'Unknown parameter: \'response_format\'.', type: 'invalid_request_error', param: 'response_format', code: 'unknown_parameter' })
    }
    if ('quality' in body && !QUALITIES[kind]!.includes(String(body.quality))) {
      return openAiError(response, 400, { message: `Invalid value: '${String(body.quality)}'. Supported values are: ${QUALITIES[kind]!.map(q => `'${q}'`).join(', ')}.`, type: 'invalid_request_error', param: 'quality', code: 'invalid_value' })
    }
    const size = typeof body.size === 'string' ? body.size : '1024x1024'
    if (!SIZES[kind]!.includes(size)) {
      return openAiError(response, 400, { message: `Invalid value: '${size}'. Supported values are: ${SIZES[kind]!.map(s => `'${s}'`).join(', ')}.`, type: 'invalid_request_error', param: 'size', code: 'invalid_value' })
    }
    if (prompt.toLowerCase().includes(blockedWord)) {
      if (kind === 'gpt-image' && options.refusal === 'user_error') {
        return openAiError(response, 400, { message: 'Your request was rejected as a result of our safety system. Your request may contain content that is not allowed by our safety system.', type: 'image_generation_user_error', code: null })
      }
      if (kind === 'gpt-image') {
        return openAiError(response, 400, { message: 'Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_fake. safety_violations=[violence].', type: 'image_generation_user_error', code: 'moderation_blocked' })
      }
      return openAiError(response, 400, { message: 'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.', type: 'invalid_request_error', code: 'content_policy_violation' })
    }
    const n = typeof body.n === 'number' ? body.n : 1
    const [width, height] = (size === 'auto' ? '1024x1024' : size).split('x').map(Number) as [number, number]
    const created = Math.floor(Date.now() / 1000)
    if (kind === 'gpt-image') {
      const format = (['png', 'jpeg', 'webp'] as const).find(f => f === body.output_format) ?? 'png'
      const data = await Promise.all(Array.from({ length: n }, (_, index) => picture(width, height, format, ++counter + index)))
      return sendJson(response, 200, {
        created, background: 'opaque', output_format: format, quality: body.quality ?? 'high', size,
        data: data.map(bytes => ({ b64_json: bytes.toString('base64') })),
        usage: { input_tokens: 12, input_tokens_details: { image_tokens: 0, text_tokens: 12 }, output_tokens: 4160, total_tokens: 4172 },
      })
    }
    const responseFormat = urlsAlways ? 'url' : body.response_format ?? 'url'
    if (responseFormat !== 'url' && responseFormat !== 'b64_json') {
      return openAiError(response, 400, { message: `Invalid value: '${String(responseFormat)}'. Supported values are: 'url' and 'b64_json'.`, type: 'invalid_request_error', param: 'response_format', code: 'invalid_value' })
    }
    const data = await Promise.all(Array.from({ length: n }, async (_, index) => {
      const bytes = await picture(width, height, 'png', ++counter + index)
      const revised = kind === 'dall-e-3' ? { revised_prompt: `A detailed picture of ${prompt}` } : {}
      if (responseFormat === 'b64_json') return { b64_json: bytes.toString('base64'), ...revised }
      const name = `img-${counter}-${index}.png`
      files.set(name, { data: bytes, mime: 'image/png' })
      return { url: `${origin}/files/${name}?se=2099-01-01&sig=fake`, ...revised }
    }))
    sendJson(response, 200, { created, data })
  }

  /** The edit's own checks (the pictures), then the generation's (model, size, quality, refusal, answer). */
  async function edits(request: IncomingMessage, response: ServerResponse, origin: string, form: FormData) {
    const fields: Record<string, unknown> = {}
    for (const [name, value] of form.entries()) if (typeof value === 'string') fields[name] = name === 'n' ? Number(value) : value
    const files = [...form.getAll('image'), ...form.getAll('image[]')].filter((value): value is File => typeof value !== 'string')
    const model = typeof fields.model === 'string' ? fields.model : 'dall-e-2'
    const kind = family(model)
    if (kind === 'dall-e-3') return openAiError(response, 400, { message: `Invalid value: '${model}'. Value must be 'dall-e-2' or a GPT image model.`, type: 'invalid_request_error', param: 'model', code: 'invalid_value' })
    if (files.length === 0) return openAiError(response, 400, { message: 'Missing required parameter: \'image\'.', type: 'invalid_request_error', param: 'image', code: 'missing_required_parameter' })
    if (files.length > (kind === 'gpt-image' ? 16 : 1)) return openAiError(response, 400, { message: `Invalid 'image': too many images (${files.length}).`, type: 'invalid_request_error', param: 'image', code: 'invalid_value' })
    for (const [index, file] of files.entries()) {
      const accepted = kind === 'dall-e-2' ? ['image/png'] : ['image/jpeg', 'image/png', 'image/webp']
      if (!accepted.includes(file.type)) {
        return openAiError(response, 400, { message: `Invalid file 'image': unsupported mimetype ('${file.type || 'application/octet-stream'}'). Supported file formats are ${accepted.map(type => `'${type}'`).join(', ')}.`, type: 'invalid_request_error', param: 'image', code: 'unsupported_file_mimetype' })
      }
      const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata().catch(() => null)
      if (!meta || (kind === 'dall-e-2' && meta.width !== meta.height)) {
        return openAiError(response, 400, { message: `Invalid image file or mode for image ${index + 1}, please check your image file.`, type: 'invalid_request_error', param: 'image', code: 'invalid_image_file' })
      }
    }
    return generations(request, response, origin, fields)
  }

  const server = createServer(async (request, response) => {
    const address = server.address() as AddressInfo
    const origin = `http://127.0.0.1:${address.port}`
    const path = (request.url ?? '/').split('?')[0]!
    // Recorded as null when it is neither JSON nor a form; answered below.
    const raw = await readRequestBody(request)
    const form = await readFormData(raw, request.headers['content-type'])
    const body = form ? await describeForm(form) : parseJson(raw)
    requests.push({ method: request.method ?? 'GET', path, authorization: request.headers.authorization ?? null, body, at: Date.now() })
    if (delayMs > 0) await new Promise(resolve => setTimeout(resolve, delayMs))
    if (response.destroyed) return

    if (request.method === 'GET' && path.startsWith('/files/')) {
      const file = filesExpired ? undefined : files.get(path.slice('/files/'.length))
      if (!file) {
        response.writeHead(404, { 'content-type': 'application/xml' })
        return response.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>')
      }
      response.writeHead(200, { 'content-type': file.mime, 'content-length': String(file.data.length) })
      return response.end(file.data)
    }
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return openAiError(response, 401, { message: 'Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', code: 'invalid_api_key' })
    }
    if (request.method === 'POST' && path === '/v1/images/generations') {
      if (!body) return openAiError(response, 400, { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error' })
      return generations(request, response, origin, body)
    }
    if (request.method === 'POST' && path === '/v1/images/edits') {
      if (!form) return openAiError(response, 400, { message: 'Invalid Content-Type header (expected multipart/form-data).', type: 'invalid_request_error' })
      return edits(request, response, origin, form)
    }
    openAiError(response, 404, { message: `Invalid URL (${request.method} ${path})`, type: 'invalid_request_error' })
  })

  const port = await listenOnLoopback(server)
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext(count, status, retryAfterS) { failures = { count, status, retryAfterS } },
    slow(ms) { delayMs = ms },
    expireFiles() { filesExpired = true },
    alwaysAnswerUrls(on) { urlsAlways = on },
    hold() {
      if (holding) return
      let release = () => {}
      const promise = new Promise<void>((resolve) => { release = resolve })
      holding = { promise, release }
    },
    release() {
      holding?.release()
      holding = null
    },
    get held() { return held },
    close: () => stopServer(server),
  }
}
