import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { BackendGate } from '../../../../../../server/utils/providers/backends/backend-gate'
import { createOpenAiImageGenerator, imageSize, isContentPolicyRefusal } from '../../../../../../server/utils/providers/hosted/openai-images'
import { type FakeOpenAiImages, startFakeOpenAiImages } from '../../../../../fakes/fake-openai-images'
import { backendConfig, generation, output } from './hosted-fixtures'

let fake: FakeOpenAiImages

beforeEach(async () => {
  fake = await startFakeOpenAiImages({ apiKey: 'sk-test', blockedWord: 'forbidden' })
})
afterEach(() => fake.close())

const generator = (fields: Partial<Parameters<typeof backendConfig>[0]> = {}) =>
  createOpenAiImageGenerator(backendConfig({ id: 'openai', type: 'openai', url: fake.url, api_key: 'sk-test', ...fields }), new BackendGate(fields.concurrency ?? 1), { backoffMs: 5 })

const generations = () => fake.requests.filter(request => request.path === '/v1/images/generations')

describe('createOpenAiImageGenerator', () => {
  it('asks a GPT image model without response_format and decodes its base64 answer', async () => {
    const media = await generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1', parameters: { width: 1024, height: 1024 } })))
    expect([media.mime, media.extension, media.width, media.height]).toEqual(['image/png', 'png', 1024, 1024])
    expect(generations()).toHaveLength(1)
    const body = generations()[0]!.body!
    expect(body).toMatchObject({ model: 'gpt-image-1', prompt: 'a red kite over a green hill', n: 1, size: '1024x1024' })
    expect(body).not.toHaveProperty('response_format')
    expect(generations()[0]!.authorization).toBe('Bearer sk-test')
  })

  it('passes quality and output_format to a GPT image model and picks the landscape size', async () => {
    const media = await generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1', parameters: { width: 1600, height: 900, quality: 'low', output_format: 'webp' } })))
    expect(generations()[0]!.body).toMatchObject({ size: '1536x1024', quality: 'low', output_format: 'webp' })
    expect([media.mime, media.width, media.height]).toEqual(['image/webp', 1536, 1024])
  })

  it('asks DALL·E for b64_json', async () => {
    const media = await generator().generate(generation(output({ provider: 'openai', model: 'dall-e-3' })))
    expect(generations()[0]!.body).toMatchObject({ model: 'dall-e-3', response_format: 'b64_json', size: '1024x1024' })
    expect(media.mime).toBe('image/png')
  })

  it('downloads a url answer at once, without sending the key to the file host', async () => {
    fake.alwaysAnswerUrls(true)
    const media = await generator().generate(generation(output({ provider: 'openai', model: 'dall-e-2', parameters: { width: 512, height: 512 } })))
    expect([media.mime, media.width, media.height]).toEqual(['image/png', 512, 512])
    const download = fake.requests.find(request => request.path.startsWith('/files/'))
    expect(download).toMatchObject({ method: 'GET', authorization: null })
  })

  it('says so when a url answer is already gone', async () => {
    fake.alwaysAnswerUrls(true)
    fake.expireFiles()
    const error = await generator().generate(generation(output({ provider: 'openai', model: 'dall-e-3' }))).catch(caught => caught)
    expect(error.message).toMatch(/no longer has the result file \(404\); hosted results are deleted after about an hour/)
    expect(fake.requests.filter(request => request.path.startsWith('/files/'))).toHaveLength(1)
  })

  it('turns a content-policy refusal into a clear, unretried error', async () => {
    const error = await generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }), { prompt: 'something forbidden' })).catch(caught => caught)
    expect(error).toBeInstanceOf(BackendError)
    expect(error.kind).toBe('refused')
    expect(error.message).toMatch(/^openai \(http:\/\/127\.0\.0\.1:\d+\/v1\) refused the prompt under its content policy: Your request was rejected by the safety system/)
    expect(isContentPolicyRefusal(error)).toBe(true)
    expect(generations()).toHaveLength(1)

    const dalle = await generator().generate(generation(output({ provider: 'openai', model: 'dall-e-3' }), { prompt: 'forbidden' })).catch(caught => caught)
    expect(isContentPolicyRefusal(dalle)).toBe(true)
    expect(dalle.message).toContain('content policy')
  })

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    fake.failNext(1, 429, 1)
    const started = Date.now()
    await generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1' })))
    const [first, second] = generations()
    expect(generations()).toHaveLength(2)
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('tries again after a 503 and gives up after the configured retries', async () => {
    fake.failNext(1, 503)
    await generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1' })))
    expect(generations()).toHaveLength(2)

    fake.failNext(10, 500)
    const error = await generator({ retries: 2 }).generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }))).catch(caught => caught)
    expect(error.kind).toBe('server_error')
    expect(error.message).toContain('answered 500')
    expect(generations()).toHaveLength(2 + 3)
  })

  it('sends one request only for a wrong key and says which setting to check', async () => {
    const error = await generator({ api_key: 'sk-wrong' }).generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }))).catch(caught => caught)
    expect(error.message).toMatch(/^openai \(.*\) did not accept the API key \(401\): check api_key in the provider settings$/)
    expect(generations()).toHaveLength(1)
  })

  it('reports a slow backend as a timeout of the request', async () => {
    fake.slow(1500)
    const error = await generator({ timeout_s: 0.5, retries: 0 }).generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }))).catch(caught => caught)
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/did not answer within/)
  })

  it('lets one job at a time through a gate of one, telling the second its place', async () => {
    fake.hold()
    const images = generator({ concurrency: 1 })
    const places: (number | null)[] = []
    const first = images.generate(generation(output({ provider: 'openai', model: 'gpt-image-1' })))
    const second = images.generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }), { onWaiting: place => places.push(place) }))
    await expect.poll(() => fake.held).toBe(1)
    expect(places).toEqual([1])
    expect(generations()).toHaveLength(1)
    fake.release()
    await Promise.all([first, second])
    expect(places).toEqual([1, null])
    expect(generations()).toHaveLength(2)
  })

  it('stops when the run is cancelled', async () => {
    fake.hold()
    const controller = new AbortController()
    const job = generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }), { signal: controller.signal }))
    await expect.poll(() => fake.held).toBe(1)
    controller.abort(new Error('cancelled by the leader'))
    await expect(job).rejects.toThrow('cancelled by the leader')
    await expect.poll(() => fake.held).toBe(0)
  })
})

describe('imageSize', () => {
  it('maps the output shape to a size the model accepts', () => {
    expect(imageSize('gpt-image-1', 1024, 1024)).toBe('1024x1024')
    expect(imageSize('gpt-image-1', 768, 1344)).toBe('1024x1536')
    expect(imageSize('gpt-image-1')).toBe('1024x1024')
    expect(imageSize('dall-e-3', 1920, 1080)).toBe('1792x1024')
    expect(imageSize('dall-e-2', 300, 300)).toBe('512x512')
    expect(imageSize('flux-on-some-proxy', 832, 1216)).toBe('832x1216')
  })
})

describe('OpenAI images as the real API answers', () => {
  it('passes on a 403 in OpenAI\'s own words instead of blaming the key', async () => {
    await fake.close()
    fake = await startFakeOpenAiImages({ apiKey: 'sk-test', unverifiedModels: ['gpt-image-1'] })
    const error = await generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }))).catch(caught => caught)
    expect(error).toMatchObject({ kind: 'rejected', status: 403 })
    expect(error.message).toContain('answered 403 Forbidden: Your organization must be verified to use the model `gpt-image-1`')
    expect(error.message).not.toMatch(/API key/)
  })

  it.each([
    ['gpt-image-1', 'medium', 'medium'], ['gpt-image-1', 'hd', 'high'],
    ['dall-e-3', 'medium', 'standard'], ['dall-e-3', 'high', 'hd'],
    ['dall-e-2', 'medium', undefined],
  ])('asks %s for a quality it accepts when the output says %s', async (model, quality, sent) => {
    const media = await generator().generate(generation(output({ provider: 'openai', model, parameters: { quality } })))
    expect(media.mime).toBe('image/png')
    expect(generations()[0]!.body!.quality).toBe(sent)
  })

  it('the fake refuses a quality the model family does not know, as OpenAI does', async () => {
    const response = await fetch(`${fake.url}/images/generations`, { method: 'POST', headers: { authorization: 'Bearer sk-test' }, body: JSON.stringify({ model: 'dall-e-3', prompt: 'a kite', quality: 'medium' }) })
    expect([response.status, (await response.json()).error]).toEqual([400, expect.objectContaining({ param: 'quality', code: 'invalid_value' })])
  })

  it('treats an image_generation_user_error without a code as a refusal, tried once', async () => {
    await fake.close()
    fake = await startFakeOpenAiImages({ apiKey: 'sk-test', blockedWord: 'forbidden', refusal: 'user_error' })
    const error = await generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }), { prompt: 'something forbidden' })).catch(caught => caught)
    expect(error).toBeInstanceOf(BackendError)
    expect(error.kind).toBe('refused')
    expect(error.message).toMatch(/refused the prompt under its content policy: Your request was rejected/)
    expect(generations()).toHaveLength(1)
  })
})
