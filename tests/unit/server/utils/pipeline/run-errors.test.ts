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
})
