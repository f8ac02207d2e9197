import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenOnLoopback, readJsonBody, sendJson, stopServer } from './fake-http'

/**
 * A language-model server on loopback that speaks both protocols the app uses, with their real
 * field names, defaults and error shapes. Answers are deterministic; one word counts as one token.
 *
 * Ollama (`POST /api/chat`, `GET /api/tags`) follows ollama/ollama server/routes.go (ChatHandler)
 * and api/types.go (ChatRequest `think`, Options `num_predict`, ChatResponse `done_reason`,
 * Message `thinking`): since 0.12 a model that can think does so when `think` is not given,
 * its thinking counts against num_predict, `think: true` for a model that cannot is a 400, a
 * missing model is 404 `{"error":"model 'x' not found"}` and an unknown path gin's plain
 * "404 page not found".
 *
 * Vision: `POST /api/show` answers a model's `capabilities` (api/types.go ShowResponse,
 * types/model/capability.go), "vision" for the models in `visionModels`; a chat message may carry
 * base64 `images` (api/types.go Message), and a vision model asked with a JSON schema as `format`
 * answers `pictureScores` as JSON. A text model asked the same fills in the schema without
 * looking (Ollama's chat does not refuse images for it), which is why the client asks /api/show.
 *
 * OpenAI (`POST /v1/chat/completions`, `GET /v1/models`) follows openai/openai-openapi
 * (CreateChatCompletionRequest): reasoning models (o1, o3, o4-mini, gpt-5…) reject `max_tokens`
 * (400 `unsupported_parameter`) and a temperature other than 1 (400 `unsupported_value`), and
 * spend `max_completion_tokens` on reasoning before the visible answer (`finish_reason: "length"`).
 * `POST /v1/moderations` (CreateModerationRequest/Response) answers `pictureScores` as the
 * `category_scores` of one result when the input holds an `image_url` item.
 */

export interface FakeChatMessage { role: string, content: string }

export interface FakeChatRequest {
  protocol: 'ollama' | 'openai'
  model: string
  messages: FakeChatMessage[]
  /** The last user message: what a Llama Guard model classifies. */
  lastUser: string
  body: Record<string, unknown>
}

export interface FakeLlmRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: Record<string, unknown> | null
  at: number
}

export interface FakeLlmOptions {
  /** Models the server offers; a chat for another model answers 404. */
  models?: string[]
  /** Makes the answer; the default echoes the last user message. */
  answer?: (request: FakeChatRequest) => string
  /** Answers used in order before `answer`. */
  script?: string[]
  /** Answer like Llama Guard 3: `safe`, or `unsafe` and the categories of words in the last user message. */
  guard?: boolean
  /** When set, the OpenAI routes want `Authorization: Bearer <apiKey>` and answer 401 otherwise. */
  apiKey?: string
  /** Tokens a thinking model thinks before it answers (Ollama thinking models, OpenAI reasoning models). */
  thinkingTokens?: number
  /** Ollama models with the "vision" capability. */
  visionModels?: string[]
}

/** Every category of OpenAI's moderation answer (openai-openapi CreateModerationResponse). */
const MODERATION_CATEGORIES = ['harassment', 'harassment/threatening', 'sexual', 'hate', 'hate/threatening', 'illicit', 'illicit/violent',
  'self-harm/intent', 'self-harm/instructions', 'self-harm', 'sexual/minors', 'violence', 'violence/graphic']

/** Ollama models with the "thinking" capability. */
export const isThinkingModel = (model: string) => /^(?:qwen3|deepseek-r1|gpt-oss|magistral)/i.test(model)
/** OpenAI's reasoning models. */
export const isReasoningModel = (model: string) => /^(?:o\d|gpt-5)(?:[.-]|$)/i.test(model)

const THINKING_WORD = 'hmm'

export interface FakeFailure { status: number, retryAfterS?: number, message?: string }

/** Words that make the guard mode answer unsafe, per Llama Guard 3 category. */
export const GUARD_WORDS: Record<string, string[]> = {
  S1: ['kill', 'murder', 'stab', 'töten'],
  S9: ['bomb', 'nerve gas'],
  S10: ['hate', 'hass'],
  S11: ['suicide', 'selbstmord'],
  S12: ['naked', 'nackt', 'explicit'],
}

export function guardAnswer(text: string): string {
  const lower = text.toLowerCase()
  const categories = Object.entries(GUARD_WORDS).filter(([, words]) => words.some(word => lower.includes(word))).map(([code]) => code)
  return categories.length === 0 ? 'safe' : `unsafe\n${categories.join(',')}`
}

export async function startFakeLlm(options: FakeLlmOptions = {}) {
  const models = options.models ?? ['llama3.2:latest', 'llama-guard3:1b']
  const requests: FakeLlmRequest[] = []
  const script = [...(options.script ?? [])]
  let failures: FakeFailure[] = []
  let delayMs = 0
  let active = 0
  let maxActive = 0
  let abandoned = 0
  let holding: { promise: Promise<void>, release: () => void } | null = null
  const thinkingTokens = options.thinkingTokens ?? 40
  const visionModels = options.visionModels ?? []
  let pictureScores: Record<string, number> = {}
  let answer = options.answer ?? (options.guard ? (request: FakeChatRequest) => guardAnswer(request.lastUser) : (request: FakeChatRequest) => request.lastUser)

  const knows = (model: string) => models.includes(model) || models.includes(`${model}:latest`)

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = (request.url ?? '/').split('?')[0]!
    const body = await readJsonBody(request)
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body, at: Date.now() })
    const openAi = path.startsWith('/v1/')
    active += 1
    maxActive = Math.max(maxActive, active)
    try {
      if (delayMs > 0 && !(await waitUnlessClosed(delayMs, response))) {
        abandoned += 1
        return
      }
      if (holding && !(await Promise.race([holding.promise.then(() => true), closed(response)]))) {
        abandoned += 1
        return
      }
      if (openAi && options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
        return openAiError(response, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
      }
      const failure = failures.shift()
      if (failure) return fail(response, failure, openAi)
      if (request.method === 'GET' && path === '/api/tags') return sendJson(response, 200, { models: models.map(tag) })
      if (request.method === 'GET' && path === '/v1/models') {
        return sendJson(response, 200, { object: 'list', data: models.map(id => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) })
      }
      if (request.method === 'POST' && path === '/api/show') {
        const model = String(body?.model ?? '')
        if (!knows(model)) return sendJson(response, 404, { error: `model '${model}' not found` })
        const capabilities = ['completion', ...(visionModels.includes(model) ? ['vision'] : []), ...(isThinkingModel(model) ? ['thinking'] : [])]
        return sendJson(response, 200, { modelfile: '', parameters: '', template: '{{ .Prompt }}', details: { format: 'gguf' }, model_info: {}, capabilities })
      }
      if (request.method === 'POST' && path === '/v1/moderations') {
        const input = Array.isArray(body?.input) ? body.input as { type?: string }[] : []
        const scores = Object.fromEntries(MODERATION_CATEGORIES.map(name => [name, input.some(item => item.type === 'image_url') ? (pictureScores[name] ?? 0) : 0]))
        const categories = Object.fromEntries(Object.entries(scores).map(([name, score]) => [name, score >= 0.5]))
        return sendJson(response, 200, {
          id: `modr-${requests.length}`, model: String(body?.model ?? 'omni-moderation-latest'),
          results: [{ flagged: Object.values(categories).some(Boolean), categories, category_scores: scores }],
        })
      }
      if (request.method === 'POST' && (path === '/api/chat' || path === '/v1/chat/completions')) {
        const protocol = openAi ? 'openai' : 'ollama'
        const model = String(body?.model ?? '')
        if (!knows(model)) {
          return openAi
            ? openAiError(response, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found')
            : sendJson(response, 404, { error: `model '${model}' not found` })
        }
        const refusal = openAi ? reasoningRefusal(model, body ?? {}) : thinkRefusal(model, body ?? {})
        if (refusal) return openAi ? openAiError(response, 400, refusal.message, 'invalid_request_error', refusal.code ?? null, refusal.param ?? null) : sendJson(response, 400, { error: refusal.message })
        const messages = (Array.isArray(body?.messages) ? body.messages : []) as FakeChatMessage[]
        const lastUser = [...messages].reverse().find(message => message.role === 'user')?.content ?? ''
        const schema = !openAi && body?.format && typeof body.format === 'object' ? body.format as { required?: string[] } : null
        const looked = messages.some(message => Array.isArray((message as { images?: unknown }).images)) && visionModels.includes(model)
        // Structured outputs: the answer fits the schema; only a vision model saw the picture.
        const scored = schema ? JSON.stringify(Object.fromEntries((schema.required ?? []).map(name => [name, looked ? (pictureScores[name] ?? 0) : 0.5]))) : null
        const content = scored ?? (script.length > 0 ? script.shift()! : answer({ protocol, model, messages, lastUser, body: body ?? {} }))
        const generated = generate(content, thinksFirst(model, body ?? {}, openAi) ? thinkingTokens : 0, tokenLimit(body ?? {}, openAi))
        return sendJson(response, 200, openAi ? completion(model, generated) : ollamaChat(model, generated))
      }
      if (openAi) return openAiError(response, 404, `Unknown request URL: ${request.method} ${path}`, 'invalid_request_error', 'unknown_url')
      response.writeHead(404, { 'content-type': 'text/plain' })
      return response.end('404 page not found')
    }
    finally {
      active -= 1
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(error => sendJson(response, 500, { error: String(error) }))
  })
  const port = await listenOnLoopback(server)

  return {
    /** Ollama base URL; the OpenAI-compatible base is `openAiUrl`. */
    url: `http://127.0.0.1:${port}`,
    openAiUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Chat requests only, in order. */
    chats: () => requests.filter(request => request.method === 'POST'),
    get maxActive() { return maxActive },
    get active() { return active },
    /** Requests whose client hung up while the fake was still slow to answer. */
    get abandoned() { return abandoned },
    /** The next `count` requests answer `status` (with Retry-After when given). */
    failNext(count: number, status: number, extra: Omit<FakeFailure, 'status'> = {}) {
      failures.push(...Array.from({ length: count }, () => ({ status, ...extra })))
    },
    slow(ms: number) { delayMs = ms },
    /** Requests wait, unanswered, until `release()`: as many in flight at once as the client sends. */
    hold() {
      let release = () => {}
      const promise = new Promise<void>((resolve) => { release = resolve })
      holding ??= { promise, release }
    },
    release() {
      holding?.release()
      holding = null
    },
    setAnswer(next: (request: FakeChatRequest) => string) { answer = next },
    /** What a vision model or the moderation endpoint sees in the next pictures, per class (others 0). */
    setPictureScores(scores: Record<string, number>) { pictureScores = scores },
    script(...answers: string[]) { script.push(...answers) },
    reset() {
      requests.length = 0
      script.length = 0
      failures = []
      delayMs = 0
      maxActive = 0
    },
    /** Stops listening and drops open connections: the next request is refused. */
    async down() { await stopServer(server) },
    /** Listens again on the same port. */
    async up() { await listenOnLoopback(server, port) },
    close: () => stopServer(server),
  }
}

export type FakeLlm = Awaited<ReturnType<typeof startFakeLlm>>

function tag(name: string) {
  return {
    name, model: name, modified_at: '2025-01-01T00:00:00Z', size: 2_019_393_189,
    digest: `a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72`,
    details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
  }
}

/** What a model produced within its token limit: thinking first, then as much of the answer as fits. */
interface Generated { thinking: string, content: string, cut: boolean, tokens: number }

function generate(answer: string, thinkingTokens: number, limit: number | null): Generated {
  const words = answer.split(/\s+/).filter(Boolean)
  const room = limit == null ? Infinity : limit
  const thought = Math.min(thinkingTokens, room)
  const said = Math.max(0, Math.min(words.length, room - thought))
  const cut = said < words.length
  return { thinking: Array.from({ length: thought }, () => THINKING_WORD).join(' '), content: cut ? words.slice(0, said).join(' ') : answer, cut, tokens: thought + said }
}

/** Ollama thinks when asked to, or by default when the model can (routes.go sets Think to true when nil). */
function thinksFirst(model: string, body: Record<string, unknown>, openAi: boolean) {
  if (openAi) return isReasoningModel(model)
  return isThinkingModel(model) && body.think !== false
}

/** num_predict (Ollama; -1 or absent: no limit), max_completion_tokens or max_tokens (OpenAI). */
function tokenLimit(body: Record<string, unknown>, openAi: boolean): number | null {
  const limit = openAi ? body.max_completion_tokens ?? body.max_tokens : (body.options as { num_predict?: unknown } | undefined)?.num_predict
  return typeof limit === 'number' && limit >= 0 ? limit : null
}

function thinkRefusal(model: string, body: Record<string, unknown>): { message: string, code?: string, param?: string } | null {
  return body.think === true && !isThinkingModel(model) ? { message: `"${model}" does not support thinking` } : null
}

function reasoningRefusal(model: string, body: Record<string, unknown>): { message: string, code: string, param: string } | null {
  if (!isReasoningModel(model)) return null
  if ('max_tokens' in body) return { message: 'Unsupported parameter: \'max_tokens\' is not supported with this model. Use \'max_completion_tokens\' instead.', code: 'unsupported_parameter', param: 'max_tokens' }
  if (body.temperature != null && body.temperature !== 1) return { message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`, code: 'unsupported_value', param: 'temperature' }
  return null
}

function ollamaChat(model: string, generated: Generated) {
  return {
    model, created_at: new Date().toISOString(),
    message: { role: 'assistant', content: generated.content, ...(generated.thinking ? { thinking: generated.thinking } : {}) },
    done_reason: generated.cut ? 'length' : 'stop', done: true, total_duration: 1_200_000_000, load_duration: 20_000_000,
    prompt_eval_count: 42, prompt_eval_duration: 100_000_000, eval_count: generated.tokens, eval_duration: 900_000_000,
  }
}

function completion(model: string, generated: Generated) {
  const reasoning = generated.thinking ? generated.thinking.split(' ').length : 0
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2, 12)}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content: generated.content, refusal: null, annotations: [] }, logprobs: null, finish_reason: generated.cut ? 'length' : 'stop' }],
    usage: {
      prompt_tokens: 42, completion_tokens: generated.tokens, total_tokens: 42 + generated.tokens,
      completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
  }
}

function fail(response: ServerResponse, failure: FakeFailure, openAi: boolean) {
  if (failure.retryAfterS != null) response.setHeader('retry-after', String(failure.retryAfterS))
  const message = failure.message ?? (failure.status === 429 ? 'Rate limit reached for requests' : failure.status >= 500 ? 'The server is overloaded' : 'Invalid request')
  if (!openAi) return sendJson(response, failure.status, { error: message })
  const type = failure.status === 429 ? 'requests' : failure.status >= 500 ? 'server_error' : 'invalid_request_error'
  const code = failure.status === 429 ? 'rate_limit_exceeded' : null
  return openAiError(response, failure.status, message, type, code)
}

function openAiError(response: ServerResponse, status: number, message: string, type: string, code: string | null, param: string | null = null) {
  sendJson(response, status, { error: { message, type, param, code } })
}

/** Settles false when the client goes away. */
function closed(response: ServerResponse): Promise<false> {
  return new Promise(resolve => response.once('close', () => resolve(false)))
}

/** False when the client went away first (an aborted request). */
function waitUnlessClosed(ms: number, response: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      response.off('close', onClose)
      resolve(true)
    }, ms)
    const onClose = () => {
      clearTimeout(timer)
      resolve(false)
    }
    response.once('close', onClose)
  })
}
