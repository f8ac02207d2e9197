import { describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { BackendError } from '../../../../../../server/utils/providers/backends/backend-error'
import { describeRejection } from '../../../../../../server/utils/providers/comfyui/comfyui-client'
import { fillWorkflow, storedWorkflow, workflowValues } from '../../../../../../server/utils/providers/comfyui/comfyui-workflow'

const workflow = {
  3: { class_type: 'KSampler', inputs: { seed: '{{seed}}', steps: '{{steps}}', cfg: '{{cfg}}', sampler_name: 'euler' } },
  4: { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sd3.5_large.safetensors' } },
  6: { class_type: 'CLIPTextEncode', inputs: { text: '{{prompt}}' } },
  7: { class_type: 'CLIPTextEncode', inputs: { text: '{{negative_prompt}}' } },
  5: { class_type: 'EmptySD3LatentImage', inputs: { width: '{{width}}', height: '{{height}}', batch_size: 1 } },
}
const output = OutputConfig.parse({ id: 'sd', name: { de: 'Bild', en: 'Image' }, media_type: 'image', provider: 'comfyui', parameters: { width: 768, steps: 30, workflow } })

describe('ComfyUI workflows', () => {
  it('puts numbers where number placeholders stand and the prompt text as a string', () => {
    const filled = fillWorkflow(storedWorkflow(output), workflowValues(output, 'a {{seed}} cat "quoted"', 7))
    expect(filled['3']!.inputs).toMatchObject({ seed: 7, steps: 30, cfg: 5.5, sampler_name: 'euler' })
    expect(filled['5']!.inputs).toMatchObject({ width: 768, height: 1024, batch_size: 1 })
    expect(filled['6']!.inputs.text).toBe('a {{seed}} cat "quoted"')
    expect(filled['7']!.inputs.text).toBe('')
    expect(workflow[3].inputs.seed).toBe('{{seed}}')
  })

  it('refuses an output without an API-format workflow', () => {
    const bare = OutputConfig.parse({ ...output, parameters: {} })
    expect(() => storedWorkflow(bare)).toThrow(BackendError)
    expect(() => storedWorkflow(bare)).toThrow(/output sd has no ComfyUI workflow/)
    const uiFormat = OutputConfig.parse({ ...output, parameters: { workflow: { nodes: [], links: [] } } })
    expect(() => storedWorkflow(uiFormat)).toThrow(/Export \(API\)/)
  })

  it('explains a rejection without node errors by its error message and details', () => {
    const body = { error: { type: 'invalid_prompt', message: 'Cannot execute because node Foo does not exist.', details: "Node ID '#3'", extra_info: {} }, node_errors: {} }
    expect(describeRejection('gpu', body, 'fallback')).toBe('gpu rejected the workflow: Cannot execute because node Foo does not exist. (Node ID \'#3\')')
  })
})
