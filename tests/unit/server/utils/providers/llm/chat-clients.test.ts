import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { createBackend } from '../../../../../../server/utils/providers/backends/create-backend'
import { startFakeLlm, type FakeLlm } from '../../../../../fakes/fake-llm'
import { probeBackend } from '../../../../../../server/utils/providers/probe-backends'
import { ollamaBackend, ollamaConfig, openAiChat, openAiConfig } from './llm-fixtures'

const HELLO = [{ role: 'user' as const, content: 'Hallo' }]

let fake: FakeLlm
beforeEach(async () => { fake = await startFakeLlm({ answer: request => `answer to ${request.lastUser}` }) })
afterEach(() => fake.close())

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(() => null, (error: unknown) => error)
  expect(error).toBeInstanceOf(BackendError)
  return error as BackendError
}

describe('the Ollama backend', () => {
  it('is what createBackend makes for type ollama', () => {
    const backend = createBackend(ollamaConfig(fake.url))
    expect(backend.chat).toBeDefined()
    expect(backend.gate.concurrency).toBe(3)
  })

  it('asks /api/chat for one whole answer with the model, messages and options', async () => {
    const { chat } = ollamaBackend(ollamaConfig(fake.url))
    const answer = await chat!.chat({ model: 'llama3.2', messages: HELLO, temperature: 0.7, seed: 42, maxTokens: 300 })
    expect(answer.text).toBe('answer to Hallo')
    expect(fake.requests[0]).toMatchObject({
      method: 'POST', path: '/api/chat',
      body: { model: 'llama3.2', messages: HELLO, stream: false, options: { temperature: 0.7, seed: 42, num_predict: 300 } },
    })
  })

  it('lists the pulled models from /api/tags when probed', async () => {
    const probe = await probeBackend(ollamaBackend(ollamaConfig(fake.url)), 5_000)
    expect(probe).toMatchObject({ reachable: true, error: null, models: ['llama3.2:latest', 'llama-guard3:1b'] })
    expect(probe.latency_ms).toBeGreaterThanOrEqual(0)
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/tags' })
  })

  it('reports a backend that is down as unreachable, naming it', async () => {
    await fake.down()
    const probe = await probeBackend(ollamaBackend(ollamaConfig(fake.url)), 5_000)
    expect(probe).toMatchObject({ reachable: false, models: [] })
    expect(probe.error).toBe(`ollama (${fake.url}) could not be reached: connection refused (is it running?)`)
  })

  it('explains a model that is not pulled, without retrying', async () => {
    const { chat } = ollamaBackend(ollamaConfig(fake.url))
    const error = await rejection(chat!.chat({ model: 'mistral', messages: HELLO }))
    expect(error.kind).toBe('rejected')
    expect(error.message).toBe(`ollama (${fake.url}) answered 404 Not Found: model 'mistral' not found (run \`ollama pull mistral\` on that machine)`)
    expect(fake.chats()).toHaveLength(1)
  })
})

describe('the OpenAI-compatible chat client', () => {
  it('posts to {url}/chat/completions with the fields and the Bearer key', async () => {
    await fake.close()
    fake = await startFakeLlm({ apiKey: 'sk-test', models: ['gpt-4o-mini'] })
    const chat = openAiChat(openAiConfig(fake.openAiUrl, { api_key: 'sk-test' }))
    const answer = await chat.chat({ model: 'gpt-4o-mini', messages: HELLO, temperature: 0, seed: 3, maxTokens: 24 })
    expect(answer.text).toBe('Hallo')
    expect(fake.requests[0]).toMatchObject({
      method: 'POST', path: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages: HELLO, temperature: 0, seed: 3, max_tokens: 24 },
    })
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-test')
  })

  it('sends no Authorization header without a key (LM Studio, vLLM)', async () => {
    await openAiChat(openAiConfig(fake.openAiUrl)).chat({ model: 'llama3.2:latest', messages: HELLO })
    expect(fake.requests[0]!.headers.authorization).toBeUndefined()
  })

  it('turns a wrong key into one rejected request whose message says why', async () => {
    await fake.close()
    fake = await startFakeLlm({ apiKey: 'sk-right', models: ['gpt-4o-mini'] })
    const error = await rejection(openAiChat(openAiConfig(fake.openAiUrl, { api_key: 'sk-wrong' })).chat({ model: 'gpt-4o-mini', messages: HELLO }))
    expect(error).toMatchObject({ kind: 'rejected', status: 401 })
    expect(error.message).toBe(`openai (${fake.openAiUrl}) answered 401 Unauthorized: Incorrect API key provided.`)
    expect(fake.requests).toHaveLength(1)
  })

  it('lists models from {url}/models, and says when the key is refused', async () => {
    await fake.close()
    fake = await startFakeLlm({ apiKey: 'sk-right', models: ['gpt-4o-mini', 'gpt-4.1'] })
    expect(await probeBackend(createBackend(openAiConfig(fake.openAiUrl, { api_key: 'sk-right' })), 5_000)).toMatchObject({ reachable: true, models: ['gpt-4o-mini', 'gpt-4.1'] })
    const refused = await probeBackend(createBackend(openAiConfig(fake.openAiUrl, { api_key: 'sk-wrong' })), 5_000)
    expect(refused).toMatchObject({ reachable: false, models: [] })
    expect(refused.error).toContain('401 Unauthorized: Incorrect API key provided.')
  })
})

describe('a chat call under trouble', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    fake.failNext(1, 429, { retryAfterS: 1 })
    const started = Date.now()
    const answer = await openAiChat(openAiConfig(fake.openAiUrl)).chat({ model: 'llama3.2:latest', messages: HELLO })
    const waited = Date.now() - started
    expect(answer.text).toBe('answer to Hallo')
    expect(fake.chats()).toHaveLength(2)
    expect(fake.chats()[1]!.at - fake.chats()[0]!.at).toBeGreaterThanOrEqual(990)
    expect(waited).toBeLessThan(3000)
  })

  it('tries again after 503s and succeeds', async () => {
    fake.failNext(2, 503)
    const { chat } = ollamaBackend(ollamaConfig(fake.url))
    expect((await chat!.chat({ model: 'llama3.2', messages: HELLO })).text).toBe('answer to Hallo')
    expect(fake.chats()).toHaveLength(3)
  })

  it('gives up after the configured retries with the last server error', async () => {
    fake.failNext(5, 500)
    const { chat } = ollamaBackend(ollamaConfig(fake.url, { retries: 2 }))
    const error = await rejection(chat!.chat({ model: 'llama3.2', messages: HELLO }))
    expect(error).toMatchObject({ kind: 'server_error', status: 500 })
    expect(fake.chats()).toHaveLength(3)
  })

  it.each([400, 401, 404])('never retries a %i', async (status) => {
    fake.failNext(1, status)
    const error = await rejection(openAiChat(openAiConfig(fake.openAiUrl)).chat({ model: 'llama3.2:latest', messages: HELLO }))
    expect(error).toMatchObject({ kind: 'rejected', status })
    expect(fake.chats()).toHaveLength(1)
  })

  it('times out a slow backend per try and names it', async () => {
    fake.slow(3000)
    const { chat } = ollamaBackend(ollamaConfig(fake.url, { timeout_s: 1, retries: 0 }))
    const error = await rejection(chat!.chat({ model: 'llama3.2', messages: HELLO }))
    expect(error.kind).toBe('timeout')
    expect(error.message).toBe(`ollama (${fake.url}) did not answer within 1 s`)
  })

  it('lets at most `concurrency` calls reach the backend and tells the others their place', async () => {
    fake.hold()
    const { chat } = ollamaBackend(ollamaConfig(fake.url, { concurrency: 3 }))
    const places: (number | null)[][] = Array.from({ length: 5 }, () => [])
    const calls = places.map((reported, index) =>
      chat!.chat({ model: 'llama3.2', messages: [{ role: 'user', content: `idea ${index}` }], onWaiting: place => reported.push(place) }))
    await expect.poll(() => fake.active).toBe(3)
    fake.release()
    const answers = await Promise.all(calls)
    expect(answers.map(answer => answer.text)).toEqual([0, 1, 2, 3, 4].map(index => `answer to idea ${index}`))
    expect(fake.maxActive).toBe(3)
    expect(places.slice(0, 3)).toEqual([[], [], []])
    expect(places[3]).toEqual([1, null])
    expect(places[4]).toEqual([2, 1, null])
  })

  it('stops the HTTP request when the run is cancelled', async () => {
    fake.slow(5000)
    const { chat } = ollamaBackend(ollamaConfig(fake.url))
    const controller = new AbortController()
    const call = chat!.chat({ model: 'llama3.2', messages: HELLO, signal: controller.signal })
    await new Promise(resolve => setTimeout(resolve, 100))
    const started = Date.now()
    controller.abort(new Error('cancelled by the student'))
    await expect(call).rejects.toThrow('cancelled by the student')
    // At once, not after the 5 s the fake takes; the margin is for a busy machine.
    expect(Date.now() - started).toBeLessThan(2500)
    // The fake sees the closed socket a moment later: wait for it rather than read once after 50 ms.
    await expect.poll(() => fake.abandoned).toBe(1)
    expect(fake.chats()).toHaveLength(1)
  })
})
