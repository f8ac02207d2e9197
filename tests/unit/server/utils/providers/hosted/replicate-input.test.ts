import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { imageRequest } from '../../../../../../server/utils/providers/hosted/openai-images'
import { progressFromLogs, replicateInput, replicateTarget } from '../../../../../../server/utils/providers/hosted/replicate-input'
import { output } from './hosted-fixtures'

const shipped = async (id: string) => OutputConfig.parse(JSON.parse(await readFile(new URL(`../../../../../../server/assets/outputs/${id}.json`, import.meta.url), 'utf8')))

describe('replicateTarget', () => {
  it('creates official models by name and others by version', () => {
    expect(replicateTarget('black-forest-labs/flux-schnell')!.path).toBe('/models/black-forest-labs/flux-schnell/predictions')
    const versioned = replicateTarget('meta/musicgen:671ac645ce5e')!
    expect([versioned.path, versioned.body({ prompt: 'x' })]).toEqual(['/predictions', { version: '671ac645ce5e', input: { prompt: 'x' } }])
    expect(replicateTarget('flux')).toBeNull()
    expect(replicateTarget(undefined)).toBeNull()
  })
})

describe('replicateInput', () => {
  it('replaces whole-string placeholders with typed values and drops unset ones', () => {
    const config = output({ provider: 'replicate', parameters: { width: 768, input: { prompt: '{{prompt}}', seed: '{{seed}}', width: '{{width}}', height: '{{height}}', note: 'keep {{prompt}} inside text', nested: { size: '{{width}}' } } } })
    expect(replicateInput(config, 'a kite', 7)).toEqual({ prompt: 'a kite', seed: 7, width: 768, note: 'keep {{prompt}} inside text', nested: { size: 768 } })
  })
})

describe('progressFromLogs', () => {
  it('reads the last tqdm line as steps, or as a percentage', () => {
    expect(progressFromLogs('Using seed: 1\n  0%|          | 0/4 [00:00<?, ?it/s]\n 50%|█████     | 2/4 [00:01<00:01,  2.0it/s]')).toEqual({ value: 2, max: 4 })
    expect(progressFromLogs('loading\r 75%|███████▌  |')).toEqual({ value: 75, max: 100 })
    expect(progressFromLogs('no progress here')).toBeNull()
    expect(progressFromLogs(null)).toBeNull()
  })
})

describe('shipped hosted outputs', () => {
  it('gpt_image_1 asks OpenAI for gpt-image-1 at 1024x1024 without response_format', async () => {
    const config = await shipped('gpt_image_1')
    expect([config.provider, config.model, config.media_type]).toEqual(['openai', 'gpt-image-1', 'image'])
    expect(imageRequest(config, 'a kite')).toEqual({ model: 'gpt-image-1', prompt: 'a kite', n: 1, size: '1024x1024', quality: 'medium' })
  })

  it('flux_schnell sends flux-schnell its own input names', async () => {
    const config = await shipped('flux_schnell')
    expect([config.provider, config.model, config.media_type]).toEqual(['replicate', 'black-forest-labs/flux-schnell', 'image'])
    expect(replicateInput(config, 'a kite', 5)).toEqual({ prompt: 'a kite', seed: 5, aspect_ratio: '1:1', output_format: 'png', num_outputs: 1 })
  })
})
