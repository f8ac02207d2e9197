import type { BackendConfig } from '#shared/schemas/providers'
import { createOpenAiImageGenerator } from '../hosted/openai-images'
import type { Backend } from './backend'
import type { BackendGate } from './backend-gate'
import { createOpenAiChatClient, probeOpenAi } from './openai-chat'
import { openAiModerationClassifier } from '../../safety/image-check/vision/openai-moderation-classifier'

/**
 * An OpenAI-compatible API (OpenAI, OpenRouter, LM Studio, vLLM): chat for the text stages,
 * /images/generations for outputs that name it (/images/edits with the run's pictures) and /moderations for the picture check. Servers without images answer 404 there,
 * which the run reports.
 */
export function createOpenAiBackend(config: BackendConfig, gate: BackendGate): Backend {
  return {
    config,
    gate,
    probe: signal => probeOpenAi(config, signal),
    chat: createOpenAiChatClient(config, gate),
    generator: createOpenAiImageGenerator(config, gate),
    imageClassifier: model => openAiModerationClassifier(config, gate, model),
  }
}
