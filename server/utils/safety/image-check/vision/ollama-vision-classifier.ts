import type { BackendConfig } from '#shared/schemas/providers'
import { BackendError } from '../../../providers/backends/backend-error'
import type { BackendGate } from '../../../providers/backends/backend-gate'
import { backendLabel, baseUrl } from '../../../providers/backends/backend-config'
import { backendFetch, readJson } from '../../../providers/backends/backend-http'
import { cleanModelAnswer } from '../../../providers/llm/model-answer'
import type { ImageClassifier } from '../image-classifier'
import { pictureForVision, VISION_CLASSES, visionScores } from './vision-classes'

const INSTRUCTION = [
  'You check pictures for a children\'s art workshop. Look at the picture and rate, from 0 (not at all) to 1 (clearly),',
  'how much it shows each of these: sexual (sexual content or nudity), sexual/minors (sexual content involving anyone who may be under 18),',
  'violence (people or animals hurt, attacked or threatened, weapons used on someone), violence/graphic (blood, gore, injuries shown in detail),',
  'self-harm (suicide, cutting, self-injury), hate (hate symbols such as swastikas or SS runes, or pictures that demean a group of people),',
  'horror (frightening images unsuitable for young children).',
  'Answer only with a JSON object with exactly these keys and numbers as values.',
].join(' ')

/** Ollama's structured outputs (api/types.go ChatRequest.Format): the answer must match this schema. */
const ANSWER_SCHEMA = {
  type: 'object',
  properties: Object.fromEntries(VISION_CLASSES.map(name => [name, { type: 'number', minimum: 0, maximum: 1 }])),
  required: [...VISION_CLASSES],
}

// ollama/ollama api/types.go: Message.Images is a list of base64 pictures beside the text;
// ShowResponse.Capabilities names what a model can do (types/model/capability.go: "vision").
interface OllamaChatAnswer { message?: { content?: string } }
interface OllamaShowAnswer { capabilities?: string[] }

/**
 * An Ollama vision model (llava, llama3.2-vision, gemma3, qwen2.5vl…) rating the picture per class,
 * through /api/chat with the picture in `images`, a JSON schema as `format`, no thinking and no
 * randomness. A model that answers anything but the scores is a check that could not run.
 *
 * A text-only model would still fill in the schema, with numbers made up without seeing the
 * picture (Ollama's chat does not refuse images for a model without vision): so the model must
 * name "vision" among its capabilities (/api/show) before its scores count.
 */
export function ollamaVisionClassifier(config: BackendConfig, gate: BackendGate, model: string): ImageClassifier {
  const label = backendLabel(config)
  const options = { label, retries: config.retries, timeoutMs: config.timeout_s * 1000 }
  let seesPictures: Promise<void> | null = null
  const ensureVision = (signal?: AbortSignal) => {
    seesPictures ??= (async () => {
      const response = await backendFetch(`${baseUrl(config)}/api/show`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model }),
      }, { ...options, signal })
      const show = await readJson<OllamaShowAnswer>(response, label)
      if (!show.capabilities?.includes('vision')) {
        throw new BackendError('rejected', `${label}: the model "${model}" cannot look at pictures (no "vision" capability); choose a vision model such as llama3.2-vision, gemma3 or qwen2.5vl`)
      }
    })().catch((error) => {
      seesPictures = null
      throw error
    })
    return seesPictures
  }
  return {
    id: config.id,
    model,
    scores: async (image, signal) => {
      const picture = await pictureForVision(image)
      return gate.run(async () => {
        await ensureVision(signal)
        const response = await backendFetch(`${baseUrl(config)}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model,
            messages: [{ role: 'user', content: INSTRUCTION, images: [picture] }],
            stream: false,
            think: false,
            format: ANSWER_SCHEMA,
            options: { temperature: 0, seed: 0 },
          }),
        }, { ...options, signal })
        const answer = await readJson<OllamaChatAnswer>(response, label)
        const bad = (problem: string) => new BackendError('bad_answer', `${label} (${model}) gave no picture rating: ${problem}`)
        let parsed: unknown
        try {
          parsed = JSON.parse(cleanModelAnswer(answer.message?.content ?? ''))
        }
        catch {
          throw bad('the answer is not JSON')
        }
        if (!parsed || typeof parsed !== 'object') throw bad('the answer is not a JSON object')
        return visionScores(parsed as Record<string, unknown>, bad)
      }, { signal })
    },
  }
}
