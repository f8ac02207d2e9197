import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { BackendGate } from '../../../../../../server/utils/providers/backends/backend-gate'
import { DATA_URL_MAX_BYTES } from '../../../../../../server/utils/providers/hosted/picture-data-url'
import { createReplicateBackend } from '../../../../../../server/utils/providers/hosted/replicate-backend'
import { providerFailure } from '../../../../../../server/utils/pipeline/run-errors'
import { type FakeReplicate, startFakeReplicate } from '../../../../../fakes/fake-replicate'
import { inputPicture } from '../../../../../support/input-pictures'
import { backendConfig, generation } from './hosted-fixtures'

let fake: FakeReplicate

beforeEach(async () => {
  fake = await startFakeReplicate({ apiToken: 'r8_test', startingPolls: 1, processingPolls: 1 })
})
afterEach(() => fake.close())

const generator = () => {
  const config = backendConfig({ id: 'replicate', type: 'replicate', url: fake.url, api_key: 'r8_test' })
  return createReplicateBackend(config, new BackendGate(1), { backoffMs: 5, pollIntervalMs: 10 }).generator!
}
const shipped = (id: string) => OutputConfig.parse(JSON.parse(readFileSync(new URL(`../../../../../../server/assets/outputs/${id}.json`, import.meta.url), 'utf8')))
const KONTEXT = shipped('flux_kontext_replicate')
const creates = () => fake.requests.filter(request => request.method === 'POST' && request.path.endsWith('/predictions'))

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(() => null, (reason: unknown) => reason)
  if (!(error instanceof BackendError)) throw new Error(`expected a BackendError, got ${String(error)}`)
  return error
}

describe('Replicate with the run\'s pictures', () => {
  it('sends the stored picture as a data URL where the output\'s input says "{{image}}"', async () => {
    expect(KONTEXT.max_pictures).toBe(1)
    const picture = await inputPicture(1)
    const media = await generator().generate(generation(KONTEXT, { pictures: [picture] }))
    expect(media.mime).toBe('image/png')
    const input = creates()[0]!.body!.input as Record<string, unknown>
    expect(creates()[0]!.path).toBe('/v1/models/black-forest-labs/flux-kontext-pro/predictions')
    expect(input).toMatchObject({ prompt: 'a red kite over a green hill', seed: 1234, aspect_ratio: 'match_input_image' })
    expect(String(input.input_image)).toMatch(/^data:image\/jpeg;base64,/)
    // The bytes Replicate received are the run's stored picture.
    expect(fake.received).toHaveLength(1)
    expect(fake.received[0]!.data.equals(picture.data)).toBe(true)
  })

  it('sends a picture over 1 MB (Replicate\'s advice for data URLs) as a smaller JPEG of it', async () => {
    const noisy = await sharp({ create: { width: 1400, height: 1000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer()
    expect(noisy.length).toBeGreaterThan(DATA_URL_MAX_BYTES)
    await generator().generate(generation(KONTEXT, { pictures: [{ file: 'input-image-1.png', mime: 'image/png', width: 1400, height: 1000, data: noisy }] }))
    const [sent] = fake.received
    expect(sent!.mime).toBe('image/jpeg')
    expect(sent!.data.length).toBeLessThanOrEqual(DATA_URL_MAX_BYTES)
    const meta = await sharp(sent!.data).metadata()
    expect(meta.format).toBe('jpeg')
    expect(meta.width! / meta.height!).toBeCloseTo(1.4, 1)
    expect(meta.exif).toBeUndefined()
  })

  it('a picture the model cannot open: the leader reads the model\'s words, the child the machine\'s problem', async () => {
    const broken = { ...(await inputPicture(1)), data: Buffer.from('these bytes are no picture') }
    const error = await failure(generator().generate(generation(KONTEXT, { pictures: [broken] })))
    expect(error.kind).toBe('rejected')
    expect(error.message).toMatch(/prediction \w+ failed: cannot identify image file/)
    const told = providerFailure('generation', 'replicate', error, false)
    expect(told.code).toBe('provider_broken')
    expect(told.child_message.de).toMatch(/Das liegt nicht an dir/)
    expect(JSON.stringify(told.child_message)).not.toMatch(/identify|replicate|127\.0\.0\.1/i)
  })

  it('refuses pictures for an output whose input has no "{{image}}", before asking Replicate', async () => {
    const flux = shipped('flux_schnell')
    const error = await failure(generator().generate(generation({ ...flux, max_pictures: 1 }, { pictures: [await inputPicture(1)] })))
    expect(error.message).toMatch(/no "\{\{image\}\}" placeholder/)
    expect(fake.requests).toEqual([])
  })

  it('refuses a run without pictures for an input that takes one, instead of sending "{{image}}"', async () => {
    const error = await failure(generator().generate(generation(KONTEXT)))
    expect(error.message).toMatch(/output flux_kontext_replicate needs a picture/)
    expect(fake.requests).toEqual([])
  })

  it('a model input of words only gets no picture', async () => {
    await generator().generate(generation(shipped('flux_schnell'), { pictures: [] }))
    expect(JSON.stringify(creates()[0]!.body)).not.toMatch(/data:/)
    expect(fake.received).toEqual([])
  })
})
