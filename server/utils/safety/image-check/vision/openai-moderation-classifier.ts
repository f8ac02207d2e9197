import type { BackendConfig } from '#shared/schemas/providers'
import { BackendError } from '../../../providers/backends/backend-error'
import type { BackendGate } from '../../../providers/backends/backend-gate'
import { authorization, backendLabel, baseUrl } from '../../../providers/backends/backend-config'
import { backendFetch, readJson } from '../../../providers/backends/backend-http'
import type { ImageClassifier } from '../image-classifier'
import { pictureForVision, visionScores } from './vision-classes'

// openai/openai-openapi: CreateModerationResponse.results[].category_scores.
interface ModerationAnswer { results?: { category_scores?: Record<string, unknown> }[] }

/** `horror` is no category of the endpoint and `hate` is scored from text only: for a picture both are 0. */
const NOT_SCORED_FOR_PICTURES = { hate: 0, horror: 0 }

/**
 * OpenAI's moderation endpoint (`POST /moderations`, omni-moderation models) with the picture as a
 * data URL (openai-openapi: CreateModerationRequest, input items of type `image_url`). Its
 * category scores are our vision classes; the ones it only scores for text count as 0.
 */
export function openAiModerationClassifier(config: BackendConfig, gate: BackendGate, model: string): ImageClassifier {
  const label = backendLabel(config)
  return {
    id: config.id,
    model,
    scores: async (image, signal) => {
      const picture = await pictureForVision(image)
      return gate.run(async () => {
        const response = await backendFetch(`${baseUrl(config)}/moderations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authorization(config) },
          body: JSON.stringify({ model, input: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${picture}` } }] }),
        }, { label, retries: config.retries, timeoutMs: config.timeout_s * 1000, signal })
        const answer = await readJson<ModerationAnswer>(response, label)
        const scores = answer.results?.[0]?.category_scores
        const bad = (problem: string) => new BackendError('bad_answer', `${label} (${model}) gave no moderation scores: ${problem}`)
        if (!scores || typeof scores !== 'object') throw bad('results[0].category_scores is missing')
        return visionScores({ ...scores, ...NOT_SCORED_FOR_PICTURES }, bad)
      }, { signal })
    },
  }
}
