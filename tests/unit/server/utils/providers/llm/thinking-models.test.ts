import { afterEach, describe, expect, it } from 'vitest'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { llmInterception, llmSafety } from '../../../../../../server/utils/providers/llm/llm-stage-providers'
import { startFakeLlm, type FakeLlm } from '../../../../../fakes/fake-llm'
import { makePerspective } from '../builtin/interception/perspective-fixture'
import { ollamaBackend, ollamaConfig, openAiChat, openAiConfig } from './llm-fixtures'

const HELLO = [{ role: 'user' as const, content: 'Hallo' }]
const termListsPass = { id: 'builtin', model: 'term-lists', check: async () => ({ safe: true as const }) }

let fake: FakeLlm
afterEach(() => fake?.close())

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(() => null, (error: unknown) => error)
  expect(error).toBeInstanceOf(BackendError)
  return error as BackendError
}

describe('Ollama models that think (Ollama >= 0.12 lets them unless told not to)', () => {
  it('asks with think: false, so a kids\' safety check on qwen3 gets its answer within 24 tokens', async () => {
    fake = await startFakeLlm({ models: ['qwen3:4b'], guard: true })
    const { chat } = ollamaBackend(ollamaConfig(fake.url))
    const safety = llmSafety('ollama', chat!, 'qwen3:4b', termListsPass)
    expect(await safety.check({ text: 'Ein Hund im Park', level: 'kids', language: 'de' })).toEqual({ safe: true })
    expect(await safety.check({ text: 'how to build a bomb', level: 'kids', language: 'en' })).toMatchObject({ safe: false, reason_code: 'violence' })
    expect(fake.chats()[0]!.body).toMatchObject({ think: false, options: { num_predict: 24 } })
  })

  it('the fake really thinks by default: without think: false the same limit gives an empty answer cut by the length', async () => {
    fake = await startFakeLlm({ models: ['qwen3:4b'], guard: true })
    const response = await fetch(`${fake.url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'qwen3:4b', messages: HELLO, stream: false, options: { num_predict: 24 } }) })
    const body = await response.json()
    expect(body).toMatchObject({ message: { content: '' }, done_reason: 'length' })
    expect(body.message.thinking.length).toBeGreaterThan(0)
  })

  it('says the token limit was used up when a model still answers nothing, and the kids\' run is blocked kindly, naming why for the leader', async () => {
    fake = await startFakeLlm({ models: ['llama3.2:latest'], answer: () => 'safe' })
    fake.setAnswer(() => '<think>' + 'hmm '.repeat(40) + '</think> safe')
    const { chat } = ollamaBackend(ollamaConfig(fake.url))
    const error = await rejection(chat!.chat({ model: 'llama3.2', messages: HELLO, maxTokens: 24 }))
    expect(error.kind).toBe('bad_answer')
    expect(error.message).toBe(`ollama (${fake.url}) (llama3.2) used up its limit of 24 tokens before answering (a model that thinks first spends the limit on thinking)`)
    const verdict = await llmSafety('ollama', chat!, 'llama3.2', termListsPass).check({ text: 'Ein Hund', level: 'kids', language: 'de' })
    expect(verdict).toMatchObject({ safe: false, reason_code: 'safety_unavailable' })
    expect((verdict as { matched: string[] }).matched[0]).toContain('used up its limit of 24 tokens')
  })

  it('gives a transformation cut by num_predict as far as it got', async () => {
    fake = await startFakeLlm({ models: ['llama3.2:latest'], answer: () => Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ') })
    const interception = llmInterception('ollama', ollamaBackend(ollamaConfig(fake.url)).chat!, 'llama3.2')
    const { text } = await interception.intercept({ text: 'Ein Hund', perspective: makePerspective('bauhaus'), language: 'de', context: null, seed: 1 })
    expect(text.split(' ')).toHaveLength(300)
  })

  it('adds the `ollama pull` hint only when the model is missing, not to any other 404', async () => {
    fake = await startFakeLlm({ models: ['llama3.2:latest'] })
    const missing = await rejection(ollamaBackend(ollamaConfig(fake.url)).chat!.chat({ model: 'mistral', messages: HELLO }))
    expect(missing.message).toContain('(run `ollama pull mistral` on that machine)')
    const wrongPath = await rejection(ollamaBackend(ollamaConfig(`${fake.url}/not-ollama`)).chat!.chat({ model: 'llama3.2', messages: HELLO }))
    expect(wrongPath.status).toBe(404)
    expect(wrongPath.message).toBe(`ollama (${fake.url}/not-ollama) answered 404 Not Found: 404 page not found`)
  })
})

describe('OpenAI reasoning models (o-series, gpt-5)', () => {
  it('the fake refuses max_tokens and a temperature other than 1 for them, as OpenAI does', async () => {
    fake = await startFakeLlm({ models: ['o4-mini'] })
    const ask = (body: Record<string, unknown>) => fetch(`${fake.openAiUrl}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'o4-mini', messages: HELLO, ...body }) })
    const tokens = await ask({ max_tokens: 24 })
    expect([tokens.status, (await tokens.json()).error]).toEqual([400, expect.objectContaining({ code: 'unsupported_parameter', param: 'max_tokens', type: 'invalid_request_error' })])
    const temperature = await ask({ temperature: 0 })
    expect([temperature.status, (await temperature.json()).error]).toEqual([400, expect.objectContaining({ code: 'unsupported_value', param: 'temperature' })])
  })

  it.each(['o4-mini', 'o3', 'gpt-5-mini'])('asks %s with max_completion_tokens, room to reason and no temperature', async (model) => {
    fake = await startFakeLlm({ models: [model], guard: true })
    const safety = llmSafety('openai', openAiChat(openAiConfig(fake.openAiUrl)), model, termListsPass)
    expect(await safety.check({ text: 'Ein Hund im Park', level: 'kids', language: 'de' })).toEqual({ safe: true })
    const body = fake.chats()[0]!.body!
    expect(body).not.toHaveProperty('max_tokens')
    expect(body).not.toHaveProperty('temperature')
    expect(body.max_completion_tokens).toBeGreaterThan(24)
  })

  it('keeps max_tokens and temperature for the models and servers that want them', async () => {
    fake = await startFakeLlm({ models: ['gpt-4o-mini'] })
    await openAiChat(openAiConfig(fake.openAiUrl)).chat({ model: 'gpt-4o-mini', messages: HELLO, temperature: 0.7, maxTokens: 300 })
    expect(fake.chats()[0]!.body).toMatchObject({ temperature: 0.7, max_tokens: 300 })
    expect(fake.chats()[0]!.body).not.toHaveProperty('max_completion_tokens')
  })

  it('says the limit was used up when a reasoning model answers nothing (finish_reason "length")', async () => {
    fake = await startFakeLlm({ models: ['o3'], thinkingTokens: 5000 })
    const error = await rejection(openAiChat(openAiConfig(fake.openAiUrl)).chat({ model: 'o3', messages: HELLO, maxTokens: 24 }))
    expect(error.message).toMatch(/\(o3\) used up its limit of 24 tokens before answering/)
  })
})
