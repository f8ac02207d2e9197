import { OutputConfig } from '#shared/schemas/output'
import { BackendConfig } from '#shared/schemas/providers'
import type { GenerationInput } from '../../../../../../server/utils/providers/types'
import { makePerspective } from '../builtin/interception/perspective-fixture'

export const perspective = makePerspective('bauhaus')

export function backendConfig(fields: Partial<BackendConfig> & Pick<BackendConfig, 'id' | 'type' | 'url'>): BackendConfig {
  return BackendConfig.parse({ retries: 3, timeout_s: 20, ...fields })
}

export function output(fields: Partial<OutputConfig> & Pick<OutputConfig, 'provider'>): OutputConfig {
  return OutputConfig.parse({ id: 'hosted_test', name: { de: 'Bild', en: 'Picture' }, media_type: 'image', ...fields })
}

export function generation(outputConfig: OutputConfig, fields: Partial<GenerationInput> = {}): GenerationInput {
  return { prompt: 'a red kite over a green hill', seed: 1234, perspective, output: outputConfig, ...fields }
}
