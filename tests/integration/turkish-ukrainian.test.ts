import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectLanguage } from '#shared/detect-language'
import { STAGE_NAMES } from '#shared/run-status'
import { api, Device, waitForRun } from '../support/api'
import { createRun, readRunMetadata } from '../support/run-files'
import { startServer, type TestServer } from '../support/server'

// Offline, on the built-in providers: Turkish and Ukrainian ideas through every stage at kids level.
let server: TestServer

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server?.stop()
})

const NON_ENGLISH_LETTERS = /[çğışöüİ\p{Script=Cyrillic}]/u

async function completedRun(idea: string, perspective: string) {
  const runId = await createRun(server, { perspective, input_text: idea, output: 'image_builtin', safety_level: 'kids' })
  expect((await waitForRun(server, runId)).status).toBe('completed')
  return readRunMetadata(server.dataDir, runId)
}

describe('a safe idea in Turkish or Ukrainian', () => {
  it.each([
    ['tr', 'Bir ejderha ormanda uçuyor ve kırmızı bir balon tutuyor', 'bauhaus', /dragon/i],
    ['uk', 'Маленький кіт грає з м’ячем у саду під сонцем', 'theopposite', /ball/i],
  ])('(%s) completes every stage and reaches the generator as English', async (language, idea, perspective, word) => {
    const run = await completedRun(idea, perspective)
    expect(run.language).toBe(language)
    expect(run.stages.map(stage => [stage.name, stage.status])).toEqual(STAGE_NAMES.map(name => [name, 'done']))
    expect(run.interception_text).toMatch(word)
    expect(run.generation_prompt).toMatch(word)
    expect(run.generation_prompt).not.toMatch(NON_ENGLISH_LETTERS)
    expect(detectLanguage(run.generation_prompt!)).toBe('en')
    expect(run.outputs).toHaveLength(1)
  })

  it.each([
    ['tr', 'Bir kedi ve bir köpek bahçede', 'Kırmızı kuşlar denizin üstünde uçuyor', /red birds/i],
    ['uk', 'Кіт і собака в саду', 'Червона кішка грає з м’ячем у саду', /red cat plays with ball/i],
  ])('(%s) an edit in the child\'s language is translated by the glossary before generation', async (_, idea, edit, english) => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: idea, safety_level: 'kids' })
    expect((await waitForRun(server, runId)).status).toBe('awaiting_output')
    expect((await api(server, `/api/runs/${runId}/interception`, { method: 'PATCH', body: { text: edit } })).status).toBe(200)
    expect((await api(server, `/api/runs/${runId}/generate`, { body: { output: 'image' } })).status).toBe(202)
    expect((await waitForRun(server, runId)).status).toBe('completed')
    const run = readRunMetadata(server.dataDir, runId)
    expect(run.stages.find(stage => stage.name === 'pre_output')!.detail).toMatchObject({ translated: true, safe: true })
    expect(run.generation_prompt).toMatch(english)
    expect(run.generation_prompt).not.toMatch(NON_ENGLISH_LETTERS)
  })
})

describe('a harmful idea in Turkish or Ukrainian', () => {
  it.each([
    ['tr', 'Bir adam okulda çocukları öldürüyor', 'violence', /kavga/],
    ['tr', 'artık yaşamak istemiyorum', 'self_harm', /güvendiğin/],
    ['uk', 'Чоловік з пістолетом вбиває людей', 'violence', /бійок/],
    ['uk', 'я хочу вбити себе', 'self_harm', /довіряєш/],
  ])('(%s) is blocked before the interception with the child message in that language', async (language, idea, reason, words) => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: idea, output: 'image_builtin', safety_level: 'kids' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('blocked')
    expect(view.blocked).toMatchObject({ stage: 'input_safety', reason_code: reason })
    const message = (view.blocked!.message as Record<string, string>)[language]!
    expect(message).toMatch(words)
    expect(message).not.toContain(reason)
    const run = readRunMetadata(server.dataDir, runId)
    expect(run.interception_text).toBeNull()
    expect(run.outputs).toEqual([])
  })

  it('refuses an idea in a language no list reads, in every UI language, and makes nothing', async () => {
    const runId = await createRun(server, { perspective: 'bauhaus', input_text: 'قطة صغيرة تلعب في الحديقة', output: 'image_builtin', safety_level: 'kids' })
    const view = await waitForRun(server, runId)
    expect(view.status).toBe('blocked')
    expect(view.blocked).toMatchObject({ stage: 'input_safety', reason_code: 'language_unchecked' })
    expect(Object.keys(view.blocked!.message).sort()).toEqual(['de', 'en', 'tr', 'uk'])
    expect(readRunMetadata(server.dataDir, runId).outputs).toEqual([])
  })
})

describe('the participant\'s language', () => {
  it.each(['tr', 'uk'])('joining the studio accepts %s', async (language) => {
    const response = await api(server, '/api/join', { body: { language }, device: new Device() })
    expect(response.status).toBe(200)
  })

  it('refuses a language the studio does not speak with a clear error', async () => {
    const response = await api(server, '/api/join', { body: { language: 'ar' }, device: new Device() })
    expect(response.status).toBe(400)
  })
})
