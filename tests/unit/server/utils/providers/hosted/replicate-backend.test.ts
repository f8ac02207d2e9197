import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mediumOf } from '../../../../../../media/server-registry'
import { BackendGate } from '../../../../../../server/utils/providers/backends/backend-gate'
import { createBackend } from '../../../../../../server/utils/providers/backends/create-backend'
import { createReplicateBackend } from '../../../../../../server/utils/providers/hosted/replicate-backend'
import { type FakeReplicate, startFakeReplicate } from '../../../../../fakes/fake-replicate'
import { backendConfig, generation, output } from './hosted-fixtures'
import { probeBackend } from '../../../../../../server/utils/providers/probe-backends'

let fake: FakeReplicate

beforeEach(async () => {
  fake = await startFakeReplicate({ apiToken: 'r8_test', startingPolls: 1, processingPolls: 2 })
})
afterEach(() => fake.close())

const backend = (fields: Partial<Parameters<typeof backendConfig>[0]> = {}) => {
  const config = backendConfig({ id: 'replicate', type: 'replicate', url: fake.url, api_key: 'r8_test', ...fields })
  return createReplicateBackend(config, new BackendGate(config.concurrency), { backoffMs: 5, pollIntervalMs: 20 })
}

const flux = (parameters: Record<string, unknown> = {}) => output({
  provider: 'replicate', model: 'black-forest-labs/flux-schnell',
  parameters: { width: 1024, height: 1024, input: { prompt: '{{prompt}}', seed: '{{seed}}', aspect_ratio: '1:1', output_format: 'png' }, ...parameters },
})
const musicgen = () => output({ provider: 'replicate', media_type: 'audio', model: 'meta/musicgen:671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb', parameters: { duration_s: 8, input: { prompt: '{{prompt}}', duration: '{{duration_s}}', output_format: 'wav' } } })

const calls = (method: string, pattern: RegExp) => fake.requests.filter(request => request.method === method && pattern.test(request.path))

describe('Replicate generator', () => {
  it('creates an official model prediction by name, follows it and downloads the first file of an array', async () => {
    const progress: { value: number, max: number }[] = []
    const media = await backend().generator!.generate(generation(flux(), { onProgress: step => progress.push(step) }))
    expect([media.mime, media.extension]).toEqual(['image/png', 'png'])
    const [create] = calls('POST', /^\/v1\/models\/black-forest-labs\/flux-schnell\/predictions$/)
    expect(create!.body).toEqual({ input: { prompt: 'a red kite over a green hill', seed: 1234, aspect_ratio: '1:1', output_format: 'png' } })
    expect(create!.authorization).toBe('Bearer r8_test')
    expect(calls('GET', /^\/v1\/predictions\/\w+$/)).toHaveLength(4)
    expect(calls('GET', /^\/delivery\/\w+\/out-0\.png$/)).toEqual([expect.objectContaining({ authorization: null })])
    expect(progress).toEqual([{ value: 1, max: 3 }, { value: 2, max: 3 }])
  })

  it('sends a song model the tags as its style prompt and the lyrics, as the shipped output says', async () => {
    const shipped = JSON.parse(readFileSync(new URL('../../../../../../server/assets/outputs/replicate_music.json', import.meta.url), 'utf8'))
    const media = await backend().generator!.generate(generation(output(shipped), { music: { lyrics: 'A cat sings\non the roof', tags: ['pop', 'happy'] } }))
    expect([media.mime, media.extension]).toEqual(['audio/mpeg', 'mp3'])
    expect(calls('POST', /^\/v1\/models\/minimax\/music-1\.5\/predictions$/)[0]!.body).toEqual({ input: { prompt: 'pop, happy', lyrics: 'A cat sings\non the roof' } })
  })

  it('creates a prediction by version and takes a single audio URL', async () => {
    const media = await backend().generator!.generate(generation(musicgen()))
    expect([media.mime, media.extension, media.duration_s]).toEqual(['audio/wav', 'wav', 1])
    expect(calls('POST', /^\/v1\/predictions$/)[0]!.body).toEqual({
      version: '671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb',
      input: { prompt: 'a red kite over a green hill', duration: 8, output_format: 'wav' },
    })
  })

  it('takes the mp4 of an official video model and reads its length and size from the file', async () => {
    const wan = output({ provider: 'replicate', media_type: 'video', model: 'wan-video/wan-2.2-t2v-fast', parameters: { input: { prompt: '{{prompt}}', seed: '{{seed}}', num_frames: 81 } } })
    const media = await backend().generator!.generate(generation(wan))
    expect([media.mime, media.extension]).toEqual(['video/mp4', 'mp4'])
    expect(await mediumOf('video').probe(media)).toMatchObject({ width: 160, height: 96, duration_s: 1, details: { codec: 'avc1' } })
    expect(calls('POST', /^\/v1\/models\/wan-video\/wan-2\.2-t2v-fast\/predictions$/)[0]!.body).toEqual({ input: { prompt: 'a red kite over a green hill', seed: 1234, num_frames: 81 } })
  })

  it('refuses a picture where a video output expected a video', async () => {
    const wrong = output({ provider: 'replicate', media_type: 'video', model: 'black-forest-labs/flux-schnell' })
    await expect(backend().generator!.generate(generation(wrong))).rejects.toThrow(/sent image\/webp that is not an MP4 or WebM video/)
  })

  it('sends {prompt, seed} when the output has no input template', async () => {
    await backend().generator!.generate(generation(output({ provider: 'replicate', model: 'black-forest-labs/flux-schnell' })))
    expect(calls('POST', /predictions$/)[0]!.body).toEqual({ input: { prompt: 'a red kite over a green hill', seed: 1234 } })
  })

  it('explains a failed prediction with Replicate\'s error', async () => {
    fake.endNextWith('failed')
    await expect(backend().generator!.generate(generation(flux())))
      .rejects.toThrow(/^replicate \(http:\/\/127\.0\.0\.1:\d+\/v1\) prediction \w+ failed: CUDA out of memory/)
  })

  it('says when a prediction was canceled elsewhere or aborted by Replicate', async () => {
    fake.endNextWith('canceled', 'aborted')
    await expect(backend().generator!.generate(generation(flux()))).rejects.toThrow(/was canceled on Replicate \(not by this server\)/)
    await expect(backend().generator!.generate(generation(flux()))).rejects.toThrow(/was aborted by Replicate before it ran/)
  })

  it('cancels the prediction on Replicate when the run is cancelled', async () => {
    fake.hang(true)
    const controller = new AbortController()
    const job = backend().generator!.generate(generation(flux(), { signal: controller.signal }))
    // Cancelled once the prediction exists (its first poll came), not after a fixed 150 ms that a
    // busy machine can spend before the create was answered: then there is nothing to cancel yet.
    await expect.poll(() => calls('GET', /^\/v1\/predictions\/\w+$/).length).toBeGreaterThan(0)
    controller.abort(new Error('cancelled by the leader'))
    await expect(job).rejects.toThrow('cancelled by the leader')
    expect(calls('POST', /^\/v1\/predictions\/\w+\/cancel$/)).toHaveLength(1)
  })

  it('cancels the prediction on Replicate also when the run is cancelled while it is being created', async () => {
    fake.hang(true)
    fake.slow(300)
    const controller = new AbortController()
    const job = backend().generator!.generate(generation(flux(), { signal: controller.signal }))
    // The create request has arrived, its answer (with the prediction's id) is still on its way.
    await expect.poll(() => calls('POST', /\/predictions$/).length).toBe(1)
    controller.abort(new Error('cancelled by the leader'))
    await expect(job).rejects.toThrow('cancelled by the leader')
    expect(calls('POST', /^\/v1\/predictions\/\w+\/cancel$/)).toHaveLength(1)
    expect(calls('GET', /^\/v1\/predictions\/\w+$/)).toHaveLength(0)
  })

  it('cancels and reports a timeout when the job takes longer than timeout_s', async () => {
    fake.hang(true)
    const started = Date.now()
    await expect(backend({ timeout_s: 0.4 }).generator!.generate(generation(flux())))
      .rejects.toThrow(/^replicate \(.*\) did not finish within 0\.4 s \(prediction \w+ cancelled\)$/)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(calls('POST', /\/cancel$/)).toHaveLength(1)
  })

  it('reports a place in line only while Replicate keeps the prediction starting', async () => {
    fake.setPolls(4, 1)
    const places: (number | null)[] = []
    await backend().generator!.generate(generation(flux(), { onWaiting: place => places.push(place) }))
    expect(places).toEqual([1, null])

    places.length = 0
    fake.setPolls(1, 1)
    await backend().generator!.generate(generation(flux(), { onWaiting: place => places.push(place) }))
    expect(places).toEqual([])
  })

  it('says clearly that an expired output file is gone', async () => {
    fake.expireFiles()
    await expect(backend().generator!.generate(generation(flux())))
      .rejects.toThrow(/no longer has the result file \(404\); hosted results are deleted after about an hour/)
  })

  it('waits for Retry-After on 429 and retries 5xx, but sends a bad token only once', async () => {
    fake.failNext(1, 429, 1)
    const started = Date.now()
    await backend().generator!.generate(generation(flux()))
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)

    fake.failNext(2, 503)
    await backend().generator!.generate(generation(flux()))

    const before = fake.requests.length
    await expect(backend({ api_key: 'r8_wrong' }).generator!.generate(generation(flux())))
      .rejects.toThrow(/did not accept the API key \(401\): check api_key in the provider settings$/)
    expect(fake.requests.length - before).toBe(1)
  })

  it('does not retry a 422 and passes on Replicate\'s detail', async () => {
    const before = fake.requests.length
    await expect(backend().generator!.generate(generation(output({ provider: 'replicate', model: 'black-forest-labs/flux-schnell', parameters: { input: { seed: '{{seed}}' } } }))))
      .rejects.toThrow(/answered 422 Unprocessable Entity: - input: prompt is required/)
    expect(fake.requests.length - before).toBe(1)
  })

  it('refuses an output without an owner/name model', async () => {
    await expect(backend().generator!.generate(generation(output({ provider: 'replicate', model: 'flux' }))))
      .rejects.toThrow(/output hosted_test must name its model as "owner\/name" or "owner\/name:version", not "flux"/)
  })

  it('runs at most `concurrency` predictions at once', async () => {
    fake.setPolls(1, 3)
    const replicate = backend({ concurrency: 2 })
    const places: (number | null)[] = []
    const jobs = [0, 1, 2].map(index => replicate.generator!.generate(generation(flux(), index === 2 ? { onWaiting: place => places.push(place) } : {})))
    await new Promise(resolve => setTimeout(resolve, 30))
    expect([replicate.gate.active, replicate.gate.waiting]).toEqual([2, 1])
    await Promise.all(jobs)
    expect(places).toEqual([1, null])
  })
})

describe('Replicate backend', () => {
  it('is created for type replicate and probes /account', async () => {
    const replicate = createBackend(backendConfig({ id: 'replicate', type: 'replicate', url: fake.url, api_key: 'r8_test' }))
    const probe = await probeBackend(replicate, 5_000)
    expect(probe).toMatchObject({ reachable: true, error: null, models: [] })
    expect(calls('GET', /^\/v1\/account$/)).toHaveLength(1)
  })

  it('probes a bad token as not usable, naming the setting', async () => {
    const probe = await probeBackend(backend({ api_key: 'nope' }), 5_000)
    expect(probe.reachable).toBe(false)
    expect(probe.error).toMatch(/did not accept the API key \(401\)/)
  })

  it('probes an unreachable host', async () => {
    await fake.close()
    const probe = await probeBackend(backend(), 5_000)
    expect(probe).toMatchObject({ reachable: false, latency_ms: null })
    expect(probe.error).toMatch(/could not be reached: connection refused/)
  })
})

describe('Replicate community models and endings', () => {
  const emoji = () => output({ provider: 'replicate', model: 'fofr/sdxl-emoji', parameters: { input: { prompt: '{{prompt}}' } } })

  it('the fake runs only official models by name, as Replicate does', async () => {
    const response = await fetch(`${fake.url}/models/fofr/sdxl-emoji/predictions`, { method: 'POST', headers: { authorization: 'Bearer r8_test' }, body: JSON.stringify({ input: { prompt: 'x' } }) })
    expect(response.status).toBe(404)
  })

  it('runs a community model named without a version by looking up its latest version', async () => {
    const media = await backend().generator!.generate(generation(emoji()))
    expect(media.mime).toBe('image/png')
    expect(calls('GET', /^\/v1\/models\/fofr\/sdxl-emoji$/)).toHaveLength(1)
    expect(calls('POST', /^\/v1\/predictions$/)[0]!.body).toEqual({
      version: 'dee76b5afde21b0f01ed7925f0665b7e879c50ee718c5f78a9d38e04d523cc5e', input: { prompt: 'a red kite over a green hill' },
    })
  })

  it('looks nothing up for an official model', async () => {
    await backend().generator!.generate(generation(flux()))
    expect(calls('GET', /^\/v1\/models\//)).toEqual([])
  })

  it('says a model that does not exist is not found', async () => {
    const missing = output({ provider: 'replicate', model: 'nobody/nothing' })
    await expect(backend().generator!.generate(generation(missing))).rejects.toThrow(/answered 404 Not Found: The requested resource could not be found/)
  })

  it('gives Replicate our deadline as Cancel-After, and a prediction it cancels there is a timeout', async () => {
    fake.endNextWith('deadline')
    const error = await backend({ timeout_s: 30 }).generator!.generate(generation(flux())).catch(caught => caught)
    expect(calls('POST', /predictions$/)[0]).toBeDefined()
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/did not finish within 30 s \(Replicate cancelled it at our deadline\)/)
  })

  it('shows an error that is not a string as its words, not [object Object]', async () => {
    fake.failWith({ message: 'NSFW content detected in the output' })
    fake.endNextWith('failed')
    await expect(backend().generator!.generate(generation(flux()))).rejects.toThrow(/failed: NSFW content detected in the output$/)
    fake.failWith({ code: 'E1001' })
    fake.endNextWith('failed')
    await expect(backend().generator!.generate(generation(flux()))).rejects.toThrow(/failed: \{"code":"E1001"\}$/)
  })
})
