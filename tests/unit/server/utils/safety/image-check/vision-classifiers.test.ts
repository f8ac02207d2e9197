import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackendConfig } from '#shared/schemas/providers'
import { BackendGate } from '../../../../../../server/utils/providers/backends/backend-gate'
import { ollamaVisionClassifier } from '../../../../../../server/utils/safety/image-check/vision/ollama-vision-classifier'
import { openAiModerationClassifier } from '../../../../../../server/utils/safety/image-check/vision/openai-moderation-classifier'
import { startFakeLlm, type FakeLlm } from '../../../../../fakes/fake-llm'

let llm: FakeLlm
let picture: Buffer

const ollama = () => BackendConfig.parse({ id: 'gpu', type: 'ollama', url: llm.url, retries: 0, timeout_s: 5 })
const openai = () => BackendConfig.parse({ id: 'cloud', type: 'openai', url: llm.openAiUrl, retries: 0, timeout_s: 5 })

beforeAll(async () => {
  llm = await startFakeLlm({ models: ['llama3.2-vision:latest', 'llama3.2:latest', 'omni-moderation-latest'], visionModels: ['llama3.2-vision:latest'] })
  picture = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#c33' } }).png().toBuffer()
})
afterAll(() => llm.close())

describe('an Ollama vision model as picture check', () => {
  it('sends the picture, at most 768 px, with a JSON schema and no thinking, and reads a score per class', async () => {
    llm.reset()
    llm.setPictureScores({ 'sexual': 0.02, 'violence': 0.7 })
    const scores = await ollamaVisionClassifier(ollama(), new BackendGate(1), 'llama3.2-vision:latest').scores(picture)
    expect(scores).toEqual({ 'sexual': 0.02, 'sexual/minors': 0, 'violence': 0.7, 'violence/graphic': 0, 'self-harm': 0, 'hate': 0, 'horror': 0 })
    const chat = llm.requests.find(request => request.path === '/api/chat')!.body as { think: boolean, format: { required: string[] }, messages: { images: string[] }[] }
    expect(chat.think).toBe(false)
    expect(chat.format.required).toContain('sexual/minors')
    const sent = await sharp(Buffer.from(chat.messages[0]!.images[0]!, 'base64')).metadata()
    expect([sent.width, sent.height]).toEqual([768, 432])
  })

  it('refuses a model without the vision capability: it would fill in scores without seeing the picture', async () => {
    const classifier = ollamaVisionClassifier(ollama(), new BackendGate(1), 'llama3.2:latest')
    await expect(classifier.scores(picture)).rejects.toThrow(/cannot look at pictures \(no "vision" capability\)/)
  })

  it('fails (and so withholds the picture) when the model is missing or the server is down', async () => {
    await expect(ollamaVisionClassifier(ollama(), new BackendGate(1), 'llava:13b').scores(picture)).rejects.toThrow(/model 'llava:13b' not found/)
    await llm.down()
    try {
      await expect(ollamaVisionClassifier(ollama(), new BackendGate(1), 'llama3.2-vision:latest').scores(picture)).rejects.toThrow(/could not be reached/)
    }
    finally {
      await llm.up()
    }
  })
})

describe('OpenAI\'s moderation endpoint as picture check', () => {
  it('sends the picture as a data URL and reads the category scores; text-only categories count as 0', async () => {
    llm.reset()
    llm.setPictureScores({ 'sexual': 0.91, 'violence/graphic': 0.3, 'hate': 0.8 })
    const scores = await openAiModerationClassifier(openai(), new BackendGate(1), 'omni-moderation-latest').scores(picture)
    expect(scores).toMatchObject({ 'sexual': 0.91, 'violence/graphic': 0.3, 'hate': 0, 'horror': 0 })
    const request = llm.requests.find(candidate => candidate.path === '/v1/moderations')!.body as { model: string, input: { type: string, image_url: { url: string } }[] }
    expect(request.model).toBe('omni-moderation-latest')
    expect(request.input[0]!.image_url.url).toMatch(/^data:image\/png;base64,iVBOR/)
  })

  it('fails when the endpoint refuses the picture', async () => {
    llm.failNext(1, 400, { message: 'Invalid image' })
    await expect(openAiModerationClassifier(openai(), new BackendGate(1), 'omni-moderation-latest').scores(picture)).rejects.toThrow(/400/)
  })
})
