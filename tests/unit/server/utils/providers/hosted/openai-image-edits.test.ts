import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { BackendGate } from '../../../../../../server/utils/providers/backends/backend-gate'
import { createOpenAiImageGenerator } from '../../../../../../server/utils/providers/hosted/openai-images'
import { providerFailure } from '../../../../../../server/utils/pipeline/run-errors'
import { type FakeOpenAiImages, startFakeOpenAiImages } from '../../../../../fakes/fake-openai-images'
import { inputPicture } from '../../../../../support/input-pictures'
import { backendConfig, generation, output } from './hosted-fixtures'

let fake: FakeOpenAiImages

beforeEach(async () => {
  fake = await startFakeOpenAiImages({ apiKey: 'sk-test', blockedWord: 'forbidden' })
})
afterEach(() => fake.close())

const generator = () => createOpenAiImageGenerator(backendConfig({ id: 'openai', type: 'openai', url: fake.url, api_key: 'sk-test' }), new BackendGate(1), { backoffMs: 5 })
const GPT_IMAGE = OutputConfig.parse(JSON.parse(readFileSync(new URL('../../../../../../server/assets/outputs/gpt_image_1.json', import.meta.url), 'utf8')))
const edits = () => fake.requests.filter(request => request.path === '/v1/images/edits')

type SentFile = { filename: string, mime: string, data: Buffer }

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(() => null, (reason: unknown) => reason)
  if (!(error instanceof BackendError)) throw new Error(`expected a BackendError, got ${String(error)}`)
  return error
}

describe('OpenAI image edits with the run\'s pictures', () => {
  it('sends one picture as `image` to /images/edits, with the prompt, model and size as form fields', async () => {
    expect(GPT_IMAGE.max_pictures).toBe(3)
    const picture = await inputPicture(1)
    const media = await generator().generate(generation(GPT_IMAGE, { pictures: [picture] }))
    expect([media.mime, media.width, media.height]).toEqual(['image/png', 1024, 1024])
    expect(fake.requests.filter(request => request.path === '/v1/images/generations')).toEqual([])
    const [edit] = edits()
    expect(edit!.authorization).toBe('Bearer sk-test')
    expect(edit!.body).toMatchObject({ model: 'gpt-image-1', prompt: 'a red kite over a green hill', n: '1', size: '1024x1024', quality: 'medium' })
    expect(edit!.body).not.toHaveProperty('response_format')
    const sent = edit!.body!.image as SentFile
    expect([sent.filename, sent.mime]).toEqual(['input-image-1.jpg', 'image/jpeg'])
    // The bytes OpenAI received are the run's stored picture, nothing else.
    expect(sent.data.equals(picture.data)).toBe(true)
  })

  it('sends several pictures as `image[]`, in the student\'s order', async () => {
    const pictures = [await inputPicture(1), await inputPicture(2, { format: 'png' }), await inputPicture(3)]
    await generator().generate(generation(GPT_IMAGE, { pictures }))
    const sent = edits()[0]!.body!['image[]'] as SentFile[]
    expect(sent.map(file => file.filename)).toEqual(['input-image-1.jpg', 'input-image-2.png', 'input-image-3.jpg'])
    expect(sent.every((file, index) => file.data.equals(pictures[index]!.data))).toBe(true)
    expect(edits()[0]!.body).not.toHaveProperty('image')
  })

  it('passes the output\'s input_fidelity on', async () => {
    await generator().generate(generation({ ...GPT_IMAGE, parameters: { ...GPT_IMAGE.parameters, input_fidelity: 'high' } }, { pictures: [await inputPicture(1)] }))
    expect(edits()[0]!.body).toMatchObject({ input_fidelity: 'high' })
  })

  it('still asks /images/generations for a run of words', async () => {
    await generator().generate(generation(GPT_IMAGE, { pictures: [] }))
    expect(edits()).toEqual([])
    expect(fake.requests.filter(request => request.path === '/v1/images/generations')).toHaveLength(1)
  })

  it('a picture OpenAI rejects: the leader reads OpenAI\'s words, the child hears it is the machine\'s problem', async () => {
    const broken = { ...(await inputPicture(1)), data: Buffer.from('no picture in here') }
    const error = await failure(generator().generate(generation(GPT_IMAGE, { pictures: [broken] })))
    expect(error.kind).toBe('rejected')
    expect(error.message).toMatch(/answered 400 Bad Request: Invalid image file or mode for image 1/)
    expect(edits()).toHaveLength(1)
    const told = providerFailure('generation', 'openai', error, false)
    expect(told.message).toMatch(/Invalid image file or mode for image 1/)
    expect(told.child_message.en).toBe('The machine has a problem and can’t make this right now. It’s not your fault! Please tell your course leader.')
    expect(JSON.stringify(told.child_message)).not.toMatch(/127\.0\.0\.1|openai|image file/i)
  })

  it('a picture sent without an image type is refused by the fake as OpenAI does (the client always names it)', async () => {
    const form = new FormData()
    form.append('model', 'gpt-image-1')
    form.append('prompt', 'a kite')
    form.append('image', new Blob([new Uint8Array((await inputPicture(1)).data)]), 'input-image-1.jpg')
    const response = await fetch(`${fake.url}/images/edits`, { method: 'POST', headers: { authorization: 'Bearer sk-test' }, body: form })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_file_mimetype', param: 'image' } })
  })

  it('a content-policy refusal of an edit is `refused`, never retried', async () => {
    const error = await failure(generator().generate(generation(GPT_IMAGE, { prompt: 'something forbidden', pictures: [await inputPicture(1)] })))
    expect(error.kind).toBe('refused')
    expect(error.message).toMatch(/refused the prompt or its pictures under its content policy/)
    expect(edits()).toHaveLength(1)
  })

  it('retries an edit after a 503 with the pictures again', async () => {
    fake.failNext(1, 503, 0)
    const picture = await inputPicture(1)
    await generator().generate(generation(GPT_IMAGE, { pictures: [picture] }))
    expect(edits()).toHaveLength(2)
    expect((edits()[1]!.body!.image as SentFile).data.equals(picture.data)).toBe(true)
  })

  it('refuses pictures for an output that takes none, before asking OpenAI', async () => {
    const error = await failure(generator().generate(generation(output({ provider: 'openai', model: 'gpt-image-1' }), { pictures: [await inputPicture(1)] })))
    expect(error.kind).toBe('rejected')
    expect(error.message).toMatch(/takes 0 picture\(s\)/)
    expect(fake.requests).toEqual([])
  })
})
