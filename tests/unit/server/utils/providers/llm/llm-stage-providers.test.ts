import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { blockedMessage } from '#shared/blocked-messages'
import type { SafetyLevel } from '#shared/schemas/common'
import { SafetyTermList } from '#shared/schemas/safety'
import { BuiltinSafetyProvider } from '../../../../../../server/utils/providers/builtin/safety/builtin-safety'
import { llmInterception, llmSafety, llmTranslation } from '../../../../../../server/utils/providers/llm/llm-stage-providers'
import { startFakeLlm, type FakeLlm } from '../../../../../fakes/fake-llm'
import { makePerspective } from '../builtin/interception/perspective-fixture'
import { ollamaBackend, ollamaConfig, openAiChat, openAiConfig } from './llm-fixtures'

const LIST_DIR = fileURLToPath(new URL('../../../../../../server/assets/safety/', import.meta.url))
const termLists = new BuiltinSafetyProvider(readdirSync(LIST_DIR).filter(file => file.endsWith('.json'))
  .map(file => SafetyTermList.parse(JSON.parse(readFileSync(LIST_DIR + file, 'utf8')))))

const BAUHAUS = makePerspective('bauhaus', { instruction: { de: 'Verwandle die Idee in ein Bauhaus-Plakat.', en: 'Turn the idea into a Bauhaus poster.' } })
const OWN_RULES = makePerspective('user_defined', { student_rules: true })

let fake: FakeLlm
beforeEach(async () => { fake = await startFakeLlm({ guard: true }) })
afterEach(() => fake.close())

function ollamaChat(overrides = {}) {
  return ollamaBackend(ollamaConfig(fake.url, overrides)).chat!
}

describe('interception by a language model', () => {
  it('sends the perspective instruction in the run language, the frame, the context and the idea', async () => {
    fake.script('Ein Plakat aus roten Kreisen und einer gelben Katze.')
    const provider = llmInterception('ollama', ollamaChat(), 'llama3.2')
    const places: (number | null)[] = []
    const result = await provider.intercept({ text: 'Eine Katze', perspective: BAUHAUS, language: 'de', context: 'im Winter', seed: 9, onWaiting: place => places.push(place) })
    expect(result.text).toBe('Ein Plakat aus roten Kreisen und einer gelben Katze.')
    expect(provider).toMatchObject({ id: 'ollama', model: 'llama3.2' })
    const body = fake.chats()[0]!.body as { model: string, stream: boolean, messages: { role: string, content: string }[], options: { seed: number } }
    expect(body).toMatchObject({ model: 'llama3.2', stream: false, options: { seed: 9 } })
    expect(body.messages[0]!.role).toBe('system')
    expect(body.messages[0]!.content).toContain('Verwandle die Idee in ein Bauhaus-Plakat.')
    expect(body.messages[0]!.content).toContain('ohne Einleitung')
    expect(body.messages[1]).toEqual({ role: 'user', content: 'Kontext:\nim Winter\n\nDie Idee:\nEine Katze' })
  })

  it('tells the model about the student\'s pictures it cannot see, and that a picture without words is the idea', async () => {
    const provider = llmInterception('ollama', ollamaChat(), 'llama3.2')
    fake.script('Ein Plakat.')
    await provider.intercept({ text: '', pictures: 1, perspective: BAUHAUS, language: 'de', context: null, seed: 9 })
    fake.script('A poster.')
    await provider.intercept({ text: 'A cat', pictures: 3, perspective: BAUHAUS, language: 'en', context: null, seed: 9 })
    fake.script('A poster.')
    await provider.intercept({ text: 'A cat', perspective: BAUHAUS, language: 'en', context: null, seed: 9 })
    const [one, three, none] = fake.chats().map(chat => (chat.body as { messages: { role: string, content: string }[] }).messages)
    expect(one![0]!.content).toContain('hat auch ein Bild mitgebracht. Du siehst es nicht')
    expect(one![1]).toEqual({ role: 'user', content: 'Die Idee:\n(keine Worte: das Bild ist die Idee)' })
    expect(three![0]!.content).toContain('The student also brought 3 pictures. You cannot see them; the image model fuses them')
    expect(three![1]).toEqual({ role: 'user', content: 'The idea:\nA cat' })
    expect(none![0]!.content).not.toContain('picture')
  })

  it('adds the stricter instruction only when the pipeline asks for it after a failed check', async () => {
    const provider = llmInterception('ollama', ollamaChat(), 'llama3.2')
    await provider.intercept({ text: 'A dove of peace', perspective: BAUHAUS, language: 'en', context: null, seed: 1 })
    await provider.intercept({ text: 'A dove of peace', perspective: BAUHAUS, language: 'en', context: null, seed: 1, stricter: true })
    await provider.intercept({ text: 'Eine Friedenstaube', perspective: BAUHAUS, language: 'de', context: null, seed: 1, stricter: true })
    const systems = fake.chats().map(request => (request.body as { messages: { content: string }[] }).messages[0]!.content)
    expect(systems[0]).not.toMatch(/not suitable for children/)
    expect(systems[1]).toContain('Turn the idea into a Bauhaus poster.')
    expect(systems[1]).toMatch(/not suitable for children.*never turn the absence of harm into harm/s)
    expect(systems[2]).toMatch(/für Kinder nicht geeignet/)
  })

  it('gives a student’s changed rules to the model as its instruction, in place of the perspective’s', async () => {
    const provider = llmInterception('ollama', ollamaChat(), 'llama3.2')
    await provider.intercept({ text: 'Eine Katze', perspective: BAUHAUS, language: 'de', context: null, rules: 'Nur grüne Kreise', seed: 1 })
    await provider.intercept({ text: 'A cat', perspective: BAUHAUS, language: 'en', context: null, rules: 'Only green circles', seed: 1, stricter: true })
    const messages = fake.chats().map(request => (request.body as { messages: { content: string }[] }).messages)
    expect(messages[0]![0]!.content).not.toContain('Bauhaus-Plakat')
    expect(messages[0]![0]!.content).toMatch(/Regeln, die die Schülerin oder der Schüler für die Perspektive „Perspektive bauhaus“ geändert/)
    expect(messages[0]![1]!.content).toBe('Die Regeln der Schülerin oder des Schülers:\nNur grüne Kreise\n\nDie Idee:\nEine Katze')
    expect(messages[1]![0]!.content).toMatch(/instead of this perspective's usual rules.*not suitable for children/s)
    expect(messages[1]![1]!.content).toBe('The student’s own rules:\nOnly green circles\n\nThe idea:\nA cat')
  })

  it('names the student’s own rules as rules, and leaves out an empty context', async () => {
    const provider = llmInterception('openai', openAiChat(openAiConfig(fake.openAiUrl)), 'llama3.2:latest')
    await provider.intercept({ text: 'A dragon', perspective: OWN_RULES, language: 'en', context: 'everything is made of sweets', seed: 1 })
    await provider.intercept({ text: 'A dragon', perspective: BAUHAUS, language: 'en', context: null, seed: 1 })
    const users = fake.chats().map(request => (request.body as { messages: { content: string }[] }).messages[1]!.content)
    expect(users).toEqual(['The student’s own rules:\neverything is made of sweets\n\nThe idea:\nA dragon', 'The idea:\nA dragon'])
  })

  it.each([
    ['Here is the transformed text:\n"A poster of red circles."', 'A poster of red circles.'],
    ['<think>The user wants Bauhaus.</think>\n\nA poster of red circles.', 'A poster of red circles.'],
    ['Transformed text: “A poster of\nred circles.”', 'A poster of red circles.'],
    ['```\nA poster of red circles.\n```', 'A poster of red circles.'],
    ['Sure! Gladly.\nA poster of red circles.', 'A poster of red circles.'],
    ['Here comes a red circle.\nIt rolls.', 'Here comes a red circle. It rolls.'],
  ])('keeps only the text of %j', async (answer, expected) => {
    fake.script(answer)
    const result = await llmInterception('ollama', ollamaChat(), 'llama3.2').intercept({ text: 'a cat', perspective: BAUHAUS, language: 'en', context: null, seed: 1 })
    expect(result.text).toBe(expected)
  })

  it('fails with a bad answer when the model says nothing', async () => {
    fake.script('  "" ')
    await expect(llmInterception('ollama', ollamaChat(), 'llama3.2').intercept({ text: 'a cat', perspective: BAUHAUS, language: 'en', context: null, seed: 1 }))
      .rejects.toMatchObject({ kind: 'bad_answer', message: 'ollama (llama3.2) gave an empty transformation' })
  })
})

describe('translation by a language model', () => {
  it('translates German into English', async () => {
    fake.script('A small cat under the moon.')
    const result = await llmTranslation('ollama', ollamaChat(), 'llama3.2').toEnglish({ text: 'Eine kleine Katze unter dem Mond.', language: 'de' })
    expect(result.text).toBe('A small cat under the moon.')
    const body = fake.chats()[0]!.body as { messages: { role: string, content: string }[] }
    expect(body.messages[0]!.content).toContain('from German into English')
    expect(body.messages[1]).toEqual({ role: 'user', content: 'Eine kleine Katze unter dem Mond.' })
  })

  it('returns English unchanged without asking the model', async () => {
    const result = await llmTranslation('ollama', ollamaChat(), 'llama3.2').toEnglish({ text: 'A cat.', language: 'en' })
    expect(result.text).toBe('A cat.')
    expect(fake.requests).toHaveLength(0)
  })
})

describe('safety by a Llama Guard model', () => {
  const guard = (overrides = {}) => llmSafety('ollama', ollamaChat(overrides), 'llama-guard3:1b', termLists)
  const check = (text: string, level: SafetyLevel, overrides = {}) => guard(overrides).check({ text, level, language: 'en' })

  it('asks the model about an idea the term lists cannot read, instead of refusing it', async () => {
    expect(await check('قطة صغيرة تلعب في الحديقة', 'kids')).toEqual({ safe: true })
    expect(fake.chats()).toHaveLength(1)
  })

  it('passes a safe idea, sending it alone as the user turn', async () => {
    expect(await check('a cat in a garden', 'kids')).toEqual({ safe: true })
    expect(fake.chats()[0]!.body).toMatchObject({ model: 'llama-guard3:1b', stream: false, messages: [{ role: 'user', content: 'a cat in a garden' }] })
  })

  it('blocks an unsafe idea with the reason code that matters most (self-harm, sexual, violence, hate)', async () => {
    expect(await check('a dragon full of hate, explicit', 'kids')).toEqual({ safe: false, reason_code: 'sexual', matched: ['S12 sexual content', 'S10 hate'] })
    fake.setAnswer(() => 'unsafe\nS10,S1,S11')
    expect(await check('a sad dragon', 'kids')).toEqual({ safe: false, reason_code: 'self_harm', matched: ['S11 suicide and self-harm', 'S1 violent crimes', 'S10 hate'] })
    expect(blockedMessage('self_harm').en).toContain('someone you trust')
  })

  it('blocks child sexual content at research by the term lists, before the model is asked', async () => {
    const verdict = await check('kinderporno', 'research')
    expect(verdict).toMatchObject({ safe: false, reason_code: 'sexual' })
    expect(fake.requests).toHaveLength(0)
  })

  it('still asks the model at research after the term lists, and blocks its S4 there', async () => {
    fake.setAnswer(() => 'unsafe\nS12,S4')
    expect(await check('a harmless sounding prompt', 'research')).toEqual({ safe: false, reason_code: 'sexual', matched: ['S4 child sexual exploitation'] })
    expect(fake.chats()).toHaveLength(1)
  })

  it('counts categories as the level says', async () => {
    fake.setAnswer(() => 'unsafe\nS8')
    expect(await check('a famous mouse', 'youth')).toMatchObject({ safe: false, reason_code: 'unsafe', matched: ['S8 intellectual property'] })
    expect(await check('a famous mouse', 'adult')).toEqual({ safe: true })
    fake.setAnswer(() => 'unsafe\nS1')
    expect(await check('a knight in battle', 'adult')).toMatchObject({ safe: false, reason_code: 'violence' })
    expect(await check('a knight in battle', 'research')).toEqual({ safe: true })
    fake.setAnswer(() => 'unsafe\nS4')
    expect(await check('x', 'research')).toMatchObject({ safe: false, reason_code: 'sexual' })
  })

  it('understands a plain chat model, which is told the task', async () => {
    fake.setAnswer(() => 'Unsafe.')
    const verdict = await llmSafety('ollama', ollamaChat(), 'llama3.2', termLists).check({ text: 'x', level: 'adult', language: 'en' })
    expect(verdict).toEqual({ safe: false, reason_code: 'unsafe', matched: ['unsafe (no category given)'] })
    const messages = (fake.chats()[0]!.body as { messages: { role: string, content: string }[] }).messages
    expect(messages[0]!.role).toBe('system')
    expect(messages[0]!.content).toContain('S10 hate')
  })

  it('blocks by term list without asking the model', async () => {
    const verdict = await llmSafety('ollama', ollamaChat(), 'llama-guard3:1b', termLists).check({ text: 'Ich will ihn töten', level: 'kids', language: 'de' })
    expect(verdict).toMatchObject({ safe: false, reason_code: 'violence' })
    expect(fake.requests).toHaveLength(0)
  })

  it('blocks kids and youth with safety_unavailable when the model cannot be reached', async () => {
    await fake.down()
    for (const level of ['kids', 'youth'] as const) {
      const verdict = await check('a cat', level, { retries: 1 })
      expect(verdict).toEqual({ safe: false, reason_code: 'safety_unavailable', matched: [`safety model llama-guard3:1b on ollama (${fake.url}) could not be reached: connection refused (is it running?)`] })
    }
    expect(blockedMessage('safety_unavailable').en).toBe('The safety check isn’t available right now. Try again in a moment or ask your course leader.')
  })

  it('fails the run for adult and research when the model cannot be reached', async () => {
    await fake.down()
    for (const level of ['adult', 'research'] as const) {
      await expect(check('a cat', level, { retries: 0 })).rejects.toMatchObject({ kind: 'unreachable' })
    }
  })

  it('treats an answer that is neither safe nor unsafe as unavailable', async () => {
    fake.setAnswer(() => 'I cannot help with that.')
    expect(await check('a cat', 'kids')).toMatchObject({ safe: false, reason_code: 'safety_unavailable' })
    await expect(check('a cat', 'adult')).rejects.toMatchObject({ kind: 'bad_answer' })
  })

  it('blocks kids after retries run out on 503s, having tried every time', async () => {
    fake.failNext(3, 503)
    expect(await check('a cat', 'kids', { retries: 2 })).toMatchObject({ safe: false, reason_code: 'safety_unavailable' })
    expect(fake.chats()).toHaveLength(3)
  })

  it('throws, not blocks, when the run is cancelled while the model thinks', async () => {
    fake.slow(5000)
    const controller = new AbortController()
    const verdict = guard().check({ text: 'a cat', level: 'kids', language: 'en', signal: controller.signal })
    setTimeout(() => controller.abort(new Error('cancelled')), 50)
    await expect(verdict).rejects.toThrow('cancelled')
  })
})
