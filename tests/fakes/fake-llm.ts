import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenOnLoopback, readJsonBody, sendJson, stopServer } from './fake-http'

/**
 * A language-model server on loopback that speaks both protocols the app uses:
 * Ollama (`POST /api/chat`, `GET /api/tags`) and OpenAI-compatible (`POST /v1/chat/completions`,
 * `GET /v1/models`), with their real field names and error shapes. Answers are deterministic.
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
}

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
      if (openAi && options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
        return openAiError(response, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
      }
      const failure = failures.shift()
      if (failure) return fail(response, failure, openAi)
      if (request.method === 'GET' && path === '/api/tags') return sendJson(response, 200, { models: models.map(tag) })
      if (request.method === 'GET' && path === '/v1/models') {
        return sendJson(response, 200, { object: 'list', data: models.map(id => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) })
      }
      if (request.method === 'POST' && (path === '/api/chat' || path === '/v1/chat/completions')) {
        const protocol = openAi ? 'openai' : 'ollama'
        const model = String(body?.model ?? '')
        if (!knows(model)) {
          return openAi
            ? openAiError(response, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found')
            : sendJson(response, 404, { error: `model '${model}' not found` })
        }
        const messages = (Array.isArray(body?.messages) ? body.messages : []) as FakeChatMessage[]
        const lastUser = [...messages].reverse().find(message => message.role === 'user')?.content ?? ''
        const content = script.length > 0 ? script.shift()! : answer({ protocol, model, messages, lastUser, body: body ?? {} })
        return sendJson(response, 200, openAi ? completion(model, content) : ollamaChat(model, content))
      }
      return openAi ? openAiError(response, 404, `Unknown request URL: ${request.method} ${path}`, 'invalid_request_error', 'unknown_url') : sendJson(response, 404, { error: '404 page not found' })
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
    setAnswer(next: (request: FakeChatRequest) => string) { answer = next },
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

function ollamaChat(model: string, content: string) {
  return {
    model, created_at: new Date().toISOString(), message: { role: 'assistant', content },
    done_reason: 'stop', done: true, total_duration: 1_200_000_000, load_duration: 20_000_000,
    prompt_eval_count: 42, prompt_eval_duration: 100_000_000, eval_count: content.split(/\s+/).length, eval_duration: 900_000_000,
  }
}

function completion(model: string, content: string) {
  const completionTokens = content.split(/\s+/).length
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2, 12)}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 42, completion_tokens: completionTokens, total_tokens: 42 + completionTokens },
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

function openAiError(response: ServerResponse, status: number, message: string, type: string, code: string | null) {
  sendJson(response, status, { error: { message, type, param: null, code } })
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
