import { describe, expect, it } from 'vitest'
import { providerFailure } from '../../../../../server/utils/pipeline/run-errors'
import { BackendError } from '../../../../../server/utils/providers/backends/backend-error'

describe('providerFailure', () => {
  it('tells the child to try again when a backend is down or slow', () => {
    const down = providerFailure('generation', 'comfyui', new BackendError('unreachable', 'comfyui (http://gpu:8188) could not be reached: connection refused (is it running?)'), false)
    expect(down).toMatchObject({ code: 'provider_error', retryable: true, message: 'comfyui failed in generation: comfyui (http://gpu:8188) could not be reached: connection refused (is it running?)' })
    expect(down.child_message.en).toMatch(/try again/i)
    expect(providerFailure('generation', 'comfyui', new Error('aborted'), true)).toMatchObject({ code: 'timeout', message: 'comfyui did not finish generation in time' })
  })

  it('does not offer a retry when the backend’s content policy refused the prompt', () => {
    const refused = providerFailure('generation', 'openai', new BackendError('refused', 'openai (https://api.openai.com/v1) refused the prompt under its content policy: nope', 400), false)
    expect(refused).toMatchObject({ code: 'refused_by_provider', retryable: false })
    expect(refused.child_message.en).toMatch(/different idea/)
  })

  it('calls a rejected workflow or a node that broke the machine’s problem, with no retry, and gives the leader the node’s words', () => {
    const rejected = new BackendError('rejected', 'comfyui rejected the workflow: node 16 (CLIPTextEncode) input "text": Required input is missing', 400)
    const broken = new BackendError('failed', 'comfyui (http://gpu:8188) failed at node 3 (KSampler): torch.OutOfMemoryError: CUDA out of memory')
    for (const [error, words] of [[rejected, 'node 16 (CLIPTextEncode) input "text": Required input is missing'], [broken, 'node 3 (KSampler): torch.OutOfMemoryError: CUDA out of memory']] as const) {
      const failure = providerFailure('generation', 'comfyui', error, false)
      expect(failure).toMatchObject({ code: 'provider_broken', retryable: false })
      expect(failure.message).toContain(words)
      expect(failure.child_message.en).toMatch(/machine has a problem/)
      expect(failure.child_message.en).not.toMatch(/try again|busy/i)
      expect(JSON.stringify(failure.child_message)).not.toMatch(/gpu|8188|http|node|KSampler/i)
    }
  })
})
