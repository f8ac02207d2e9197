import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { BackendConfig } from '#shared/schemas/providers'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { ComfyuiClient } from '../../../../../../server/utils/providers/comfyui/comfyui-client'
import { type FakeComfyui, startFakeComfyui } from '../../../../../fakes/fake-comfyui'
import { comfyuiBackend, comfyuiJob as job, promptRequests, rejection, SD35 } from '../../../../../support/comfyui-jobs'
import { inputPicture } from '../../../../../support/input-pictures'

let fake: FakeComfyui
afterEach(async () => {
  await fake?.close()
})

const shipped = (id: string) => {
  const config = OutputConfig.parse(JSON.parse(readFileSync(new URL(`../../../../../../server/assets/outputs/${id}.json`, import.meta.url), 'utf8')))
  return { ...config, parameters: { ...config.parameters, steps: 3 } }
}
const IMG2IMG = shipped('sd35_large_img2img')
const FUSION = shipped('flux_kontext_fusion')

type Upload = { image: { filename: string, mime: string, data: Buffer }, type: string, subfolder: string, overwrite: string }
const uploads = () => fake.requests.filter(request => request.method === 'POST' && request.path === '/upload/image').map(request => request.body as Upload)
const sentWorkflow = (index = 0) => (promptRequests(fake)[index]!.body as { prompt: Record<string, { inputs: Record<string, unknown> }> }).prompt

describe('ComfyUI with the run\'s pictures', () => {
  it('uploads the picture into ComfyUI\'s temp folder (emptied at its every start) and loads it by the name ComfyUI answered (image to image)', async () => {
    fake = await startFakeComfyui()
    const picture = await inputPicture(1, { width: 320, height: 240 })
    const media = await comfyuiBackend(fake).generator!.generate(job({ output: IMG2IMG, pictures: [picture] }).input)

    const [upload] = uploads()
    expect(upload).toMatchObject({ type: 'temp', subfolder: 'ai4artsed', overwrite: 'false', image: { mime: 'image/jpeg' } })
    expect(upload!.image.filename).toMatch(/^[0-9a-f-]{36}-1\.jpg$/)
    const loaded = sentWorkflow()['10']!.inputs.image
    expect(loaded).toBe(`ai4artsed/${upload!.image.filename} [temp]`)
    // Nothing of the child's lands in the input folder, which ComfyUI keeps for ever.
    expect(fake.uploadedFiles('input')).toEqual([])
    // What ComfyUI holds is the run's stored picture, byte for byte: never another copy.
    expect(fake.inputFile(String(loaded))!.equals(picture.data)).toBe(true)
    // The upload comes before the prompt that loads it.
    expect(fake.requests.findIndex(request => request.path === '/upload/image')).toBeLessThan(fake.requests.findIndex(request => request.path === '/prompt'))
    // The fake makes an img2img result the size of the loaded picture.
    expect([media.width, media.height]).toEqual([320, 240])
    expect((await sharp(media.data).metadata()).format).toBe('png')
  })

  it('fuses two pictures, each uploaded under its own name, in the student\'s order', async () => {
    fake = await startFakeComfyui()
    const pictures = [await inputPicture(1), await inputPicture(2, { format: 'png' })]
    await comfyuiBackend(fake).generator!.generate(job({ output: FUSION, pictures }).input)

    const sent = uploads()
    expect(sent.map(upload => upload.image.mime)).toEqual(['image/jpeg', 'image/png'])
    const workflow = sentWorkflow()
    const [first, second] = [String(workflow['142']!.inputs.image), String(workflow['143']!.inputs.image)]
    expect(first).not.toBe(second)
    expect(fake.inputFile(first)!.equals(pictures[0]!.data)).toBe(true)
    expect(fake.inputFile(second)!.equals(pictures[1]!.data)).toBe(true)
  })

  it('gives a fusion output with one picture that picture for both places', async () => {
    fake = await startFakeComfyui()
    const picture = await inputPicture(1)
    await comfyuiBackend(fake).generator!.generate(job({ output: FUSION, pictures: [picture] }).input)
    expect(uploads()).toHaveLength(1)
    const workflow = sentWorkflow()
    expect(workflow['143']!.inputs.image).toBe(workflow['142']!.inputs.image)
  })

  it('never lets two runs collide: the same file name of the run folder becomes two names in ComfyUI', async () => {
    fake = await startFakeComfyui()
    const backend = comfyuiBackend(fake)
    const [one, two] = [await inputPicture(1), await inputPicture(3)]
    await backend.generator!.generate(job({ output: IMG2IMG, pictures: [{ ...one, file: 'input-image-1.jpg' }] }).input)
    await backend.generator!.generate(job({ output: IMG2IMG, pictures: [{ ...two, file: 'input-image-1.jpg' }] }).input)
    const [first, second] = [String(sentWorkflow(0)['10']!.inputs.image), String(sentWorkflow(1)['10']!.inputs.image)]
    expect(first).not.toBe(second)
    expect(fake.inputFile(first)!.equals(one.data)).toBe(true)
    expect(fake.inputFile(second)!.equals(two.data)).toBe(true)
    expect(fake.uploadedFiles('temp')).toHaveLength(2)
  })

  it('uses the name ComfyUI answers when the one asked for was taken (server.py renames, never overwrites)', async () => {
    fake = await startFakeComfyui()
    const client = new ComfyuiClient(BackendConfig.parse({ id: 'comfyui', type: 'comfyui', url: fake.url }))
    const signal = AbortSignal.timeout(5000)
    const [one, two] = [await inputPicture(1), await inputPicture(2)]
    expect(await client.uploadPicture(one, 'same.jpg', 'ai4artsed', signal)).toBe('ai4artsed/same.jpg [temp]')
    expect(await client.uploadPicture(two, 'same.jpg', 'ai4artsed', signal)).toBe('ai4artsed/same (1).jpg [temp]')
    // The same bytes again: ComfyUI recognises them (compare_image_hash) and answers the first name.
    expect(await client.uploadPicture(one, 'same.jpg', 'ai4artsed', signal)).toBe('ai4artsed/same.jpg [temp]')
    expect(fake.inputFile('ai4artsed/same.jpg [temp]')!.equals(one.data)).toBe(true)
    expect(fake.inputFile('ai4artsed/same (1).jpg [temp]')!.equals(two.data)).toBe(true)
  })

  it('tries an upload again after a 503 and then runs the job', async () => {
    fake = await startFakeComfyui()
    fake.failNext(1, 503, { path: '/upload/image' })
    await comfyuiBackend(fake).generator!.generate(job({ output: IMG2IMG, pictures: [await inputPicture(1)] }).input)
    expect(uploads()).toHaveLength(2)
    expect(promptRequests(fake)).toHaveLength(1)
  })

  it('tells the leader when ComfyUI refuses the picture (413 over --max-upload-size) and queues nothing', async () => {
    fake = await startFakeComfyui({ maxUploadBytes: 2000 })
    const error = await rejection(comfyuiBackend(fake).generator!.generate(job({ output: IMG2IMG, pictures: [await inputPicture(1)] }).input))
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).kind).toBe('rejected')
    expect(error.message).toMatch(/did not take picture 1 \(input-image-1\.jpg\).*413.*Maximum request body size 2000 exceeded/)
    expect(promptRequests(fake)).toHaveLength(0)
  })

  it('reports a picture ComfyUI cannot read as the LoadImage node\'s failure', async () => {
    fake = await startFakeComfyui()
    const broken = { ...(await inputPicture(1)), data: Buffer.from('not a picture at all') }
    const error = await rejection(comfyuiBackend(fake).generator!.generate(job({ output: IMG2IMG, pictures: [broken] }).input))
    expect((error as BackendError).kind).toBe('failed')
    expect(error.message).toMatch(/failed at node 10 \(LoadImage\): PIL\.UnidentifiedImageError: cannot identify image file/)
  })

  it('refuses pictures an output does not take, before anything is sent', async () => {
    fake = await startFakeComfyui()
    const picture = await inputPicture(1)
    const tooMany = await rejection(comfyuiBackend(fake).generator!.generate(job({ output: IMG2IMG, pictures: [picture, await inputPicture(2)] }).input))
    expect(tooMany.message).toMatch(/output sd35_large_img2img takes 1 picture\(s\) \(max_pictures\), the run has 2/)
    const noPlaceholder = await rejection(comfyuiBackend(fake).generator!.generate(job({ output: { ...SD35, max_pictures: 1 }, pictures: [picture] }).input))
    expect(noPlaceholder.message).toMatch(/no "\{\{image\}\}" placeholder/)
    expect((noPlaceholder as BackendError).kind).toBe('rejected')
    expect(fake.requests.filter(request => request.method === 'POST')).toEqual([])
  })

  it('refuses a run without pictures for a workflow that loads one, instead of sending "{{image}}" to ComfyUI', async () => {
    fake = await startFakeComfyui()
    const error = await rejection(comfyuiBackend(fake).generator!.generate(job({ output: IMG2IMG }).input))
    expect((error as BackendError).kind).toBe('rejected')
    expect(error.message).toMatch(/output sd35_large_img2img needs a picture/)
    expect(fake.requests.filter(request => request.method === 'POST')).toEqual([])
  })

  it('a workflow of words only still runs without any upload', async () => {
    fake = await startFakeComfyui()
    await comfyuiBackend(fake).generator!.generate(job({ pictures: [] }).input)
    expect(uploads()).toEqual([])
  })
})
