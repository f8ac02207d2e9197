import type { BackendConfig } from '#shared/schemas/providers'
import type { OutputConfig } from '#shared/schemas/output'
import { authorization, backendLabel, baseUrl } from '../backends/backend-config'
import { BackendError } from '../backends/backend-error'
import type { BackendGate } from '../backends/backend-gate'
import { backendFetch, readJson, type BackendRequestOptions } from '../backends/backend-http'
import { PICTURE_PLACEHOLDERS, picturesFor } from '../picture-placeholders'
import type { GeneratedMedia, GenerationInput, GenerationProvider, InputPicture } from '../types'
import { describeImage } from '../../../../media/image/describe-image'
import { downloadMedia, explainKeyProblem, type HostedOptions } from './hosted-media'

interface ImagesAnswer {
  data?: { b64_json?: string, url?: string, revised_prompt?: string }[]
}

const DEFAULT_MODEL = 'gpt-image-1'

/** Sizes each model family accepts, as [square, landscape, portrait]. */
const SIZES: Record<string, [string, string, string]> = {
  'gpt-image': ['1024x1024', '1536x1024', '1024x1536'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
}

const isGptImage = (model: string) => model.startsWith('gpt-image')

/** The allowed size nearest the output's shape; other OpenAI-compatible servers get the size as asked. */
export function imageSize(model: string, width?: number, height?: number): string {
  const family = isGptImage(model) ? SIZES['gpt-image'] : SIZES[model]
  if (family) {
    if (!width || !height || width === height) return family[0]
    return width > height ? family[1] : family[2]
  }
  if (model === 'dall-e-2') {
    const side = Math.max(width ?? 1024, height ?? 1024)
    return side <= 256 ? '256x256' : side <= 512 ? '512x512' : '1024x1024'
  }
  return width && height ? `${width}x${height}` : '1024x1024'
}

/**
 * The quality each model family accepts (openai-openapi CreateImageRequest.quality): GPT image
 * models low/medium/high/auto, DALL·E 3 standard/hd, DALL·E 2 standard only (so it is left out).
 * An output's quality means the nearest value; other OpenAI-compatible servers get it as written.
 */
export function imageQuality(model: string, quality: unknown): string | undefined {
  if (typeof quality !== 'string') return undefined
  if (isGptImage(model)) return ({ standard: 'medium', hd: 'high' } as Record<string, string>)[quality] ?? quality
  if (model === 'dall-e-3') return quality === 'hd' || quality === 'high' ? 'hd' : 'standard'
  if (model === 'dall-e-2') return undefined
  return quality
}

/** The request body: GPT image models answer base64 only and refuse `response_format`. */
export function imageRequest(output: OutputConfig, prompt: string): Record<string, unknown> {
  const model = output.model ?? DEFAULT_MODEL
  const { width, height, quality, output_format: format } = output.parameters
  const body: Record<string, unknown> = { model, prompt, n: 1, size: imageSize(model, width, height) }
  const chosen = imageQuality(model, quality)
  if (chosen) body.quality = chosen
  if (isGptImage(model)) {
    if (typeof format === 'string') body.output_format = format
  }
  else {
    body.response_format = 'b64_json'
  }
  return body
}

/**
 * `POST /images/edits` as multipart (openai-openapi CreateImageEditRequest): the fields of
 * `imageRequest`, the pictures as `image` (one) or `image[]` (several, GPT image models), each
 * with its file name and type (OpenAI refuses a file without an image type). `input_fidelity`
 * ("high" keeps more of the picture, GPT image models) comes from the output when it sets one.
 */
export function imageEditForm(output: OutputConfig, prompt: string, pictures: readonly InputPicture[]): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(imageRequest(output, prompt))) form.append(name, String(value))
  const fidelity = output.parameters.input_fidelity
  if (typeof fidelity === 'string') form.append('input_fidelity', fidelity)
  const field = pictures.length === 1 ? 'image' : 'image[]'
  for (const picture of pictures) form.append(field, new Blob([new Uint8Array(picture.data)], { type: picture.mime }), picture.file)
  return form
}

/**
 * OpenAI refuses a prompt as gpt-image-1 `moderation_blocked`, DALL·E `content_policy_violation`,
 * or with the type `image_generation_user_error` and no code at all.
 */
export function isContentPolicyRefusal(error: unknown): boolean {
  if (!(error instanceof BackendError) || error.status !== 400) return false
  const said = (error.body as { error?: { code?: string | null, type?: string } } | null)?.error
  return said?.code === 'content_policy_violation' || said?.code === 'moderation_blocked' || said?.type === 'image_generation_user_error'
}

/**
 * Images from an OpenAI-compatible `POST {url}/images/generations`, or `/images/edits` with the
 * run's pictures when the output takes them (max_pictures). A content-policy refusal is a
 * `refused` BackendError naming the policy (never retried); see `isContentPolicyRefusal`.
 */
export function createOpenAiImageGenerator(config: BackendConfig, gate: BackendGate, options: HostedOptions = {}): GenerationProvider {
  const label = backendLabel(config)
  const base = baseUrl(config)
  const headers = { 'content-type': 'application/json', ...authorization(config) }

  /** A fetch for the run: JSON for a prompt alone, a form (its own content type) with pictures. */
  function requestFor(input: GenerationInput, pictures: readonly InputPicture[]): [string, RequestInit] {
    if (pictures.length === 0) return [`${base}/images/generations`, { method: 'POST', headers, body: JSON.stringify(imageRequest(input.output, input.prompt)) }]
    return [`${base}/images/edits`, { method: 'POST', headers: authorization(config), body: imageEditForm(input.output, input.prompt, pictures) }]
  }

  async function generate(input: GenerationInput): Promise<GeneratedMedia> {
    const request: BackendRequestOptions = { label, retries: config.retries, timeoutMs: config.timeout_s * 1000, signal: input.signal, backoffMs: options.backoffMs }
    // Either endpoint: a GPT image output with pictures edits them, without any it generates.
    const takes = input.pictures?.length ? PICTURE_PLACEHOLDERS.slice(0, input.output.max_pictures) : []
    const pictures = picturesFor(input.output, input.pictures, takes, label)
    let answer: ImagesAnswer
    try {
      const response = await backendFetch(...requestFor(input, pictures), request)
      answer = await readJson<ImagesAnswer>(response, label)
    }
    catch (error) {
      if (isContentPolicyRefusal(error)) {
        const body = (error as BackendError).body as { error?: { message?: string } }
        throw new BackendError('refused', `${label} refused the ${pictures.length > 0 ? 'prompt or its pictures' : 'prompt'} under its content policy: ${body.error?.message ?? 'no reason given'}`, 400, null, body)
      }
      throw explainKeyProblem(error, label)
    }
    const image = answer.data?.[0]
    if (image?.b64_json) return describeImage(Buffer.from(image.b64_json, 'base64'), label)
    if (image?.url) return downloadMedia(image.url, 'image', { ...request, retries: Math.min(config.retries, 2) })
    throw new BackendError('bad_answer', `${label} answered without an image (no b64_json or url)`)
  }

  return {
    id: config.id,
    model: 'per output config',
    mediaType: 'image',
    generate: input => gate.run(() => generate(input), { signal: input.signal, onWaiting: input.onWaiting }),
  }
}
