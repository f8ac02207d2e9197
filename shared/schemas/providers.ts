import { z } from 'zod'
import { Slug } from './common'

export const BACKEND_TYPES = ['comfyui', 'ollama', 'openai', 'replicate'] as const
export const BackendType = z.enum(BACKEND_TYPES)
export type BackendType = z.infer<typeof BackendType>

/** Built-in providers run inside this server and own the `builtin` ids; every other provider is outside the building. */
export const isBuiltinProviderId = (id: string) => id === 'builtin' || id.startsWith('builtin_')

/** One connection to a real backend: a ComfyUI, an Ollama, an OpenAI-compatible API, Replicate. */
export const BackendConfig = z.object({
  /** Output configs and stages name the backend by this id (e.g. `comfyui`, `gpu2`). */
  id: Slug.refine(id => !isBuiltinProviderId(id), 'is reserved for the built-in providers'),
  type: BackendType,
  /** Base URL: http://gpu:8188 (ComfyUI), http://gpu:11434 (Ollama), https://api.openai.com/v1, https://api.replicate.com/v1. */
  url: z.url({ protocol: /^https?$/ }),
  /** Bearer token (OpenAI-compatible, Replicate). Never sent back to a browser. */
  api_key: z.string().max(500).optional(),
  /** Jobs this backend works on at once; the others wait in our queue with their position. */
  concurrency: z.number().int().min(1).max(64).default(1),
  /** Longest one request or one generation job may take, in seconds. */
  timeout_s: z.number().positive().max(3600).default(300),
  /** Tries after the first, for connection errors, 5xx and 429; other 4xx are never retried. */
  retries: z.number().int().min(0).max(10).default(3),
})
export type BackendConfig = z.infer<typeof BackendConfig>

/** Which backend and model does a text stage's work; absent or `builtin` means the built-in provider. */
export const StageAssignment = z.object({
  backend: z.string().min(1),
  model: z.string().max(200).optional(),
})
export type StageAssignment = z.infer<typeof StageAssignment>

export const TEXT_STAGES = ['input_safety', 'interception', 'translation', 'pre_output_safety'] as const
export type TextStage = typeof TEXT_STAGES[number]

/**
 * Stages a leader assigns to a backend: the text stages, and a vision model that looks at every
 * picture beside the offline classifier (an Ollama vision model, or OpenAI's moderation endpoint).
 */
export const ASSIGNABLE_STAGES = [...TEXT_STAGES, 'image_safety'] as const
export type AssignableStage = typeof ASSIGNABLE_STAGES[number]

export const ProviderSettings = z.object({
  backends: z.array(BackendConfig).default([]),
  stages: z.object({
    input_safety: StageAssignment.optional(),
    interception: StageAssignment.optional(),
    translation: StageAssignment.optional(),
    pre_output_safety: StageAssignment.optional(),
    image_safety: StageAssignment.optional(),
  }).default({}),
  /** The output config used when a request names only the media type, per media type (overrides `default: true`). */
  default_outputs: z.object({ image: Slug.optional(), audio: Slug.optional() }).default({}),
}).superRefine((settings, context) => {
  const ids = new Set<string>()
  settings.backends.forEach((backend, index) => {
    if (ids.has(backend.id)) context.addIssue({ code: 'custom', path: ['backends', index, 'id'], message: `"${backend.id}" is used twice` })
    ids.add(backend.id)
  })
  for (const stage of ASSIGNABLE_STAGES) {
    const assignment = settings.stages[stage]
    if (assignment && assignment.backend !== 'builtin' && !ids.has(assignment.backend)) {
      context.addIssue({ code: 'custom', path: ['stages', stage, 'backend'], message: `no backend "${assignment.backend}" is configured` })
    }
  }
})
export type ProviderSettings = z.infer<typeof ProviderSettings>

/** A backend as a leader's browser sees it: the key is only ever "set" or not. */
export type BackendConfigView = Omit<BackendConfig, 'api_key'> & { api_key_set: boolean, /** Set by NUXT_PROVIDERS: read-only in the admin page. */ from_env: boolean }

export interface ProviderSettingsView {
  backends: BackendConfigView[]
  stages: ProviderSettings['stages']
  default_outputs: ProviderSettings['default_outputs']
  /** Stage keys and default outputs that NUXT_PROVIDERS sets (read-only in the admin page). */
  env_locked: string[]
}

/** What `GET /api/providers` says about one backend, checked just now. */
export interface BackendStatus {
  id: string
  type: BackendType
  url: string
  reachable: boolean
  /** For the leader: why it is not reachable ("connection refused", "401 Unauthorized"…). */
  error: string | null
  latency_ms: number | null
  models: string[]
  concurrency: number
  /** Jobs on the backend now, and jobs waiting in our queue for it. */
  active: number
  waiting: number
}

export interface ProvidersView {
  backends: BackendStatus[]
  /** Which provider does each text stage: `builtin` or a backend id, with its model; `image_safety` is the vision model beside the offline classifier (`builtin` when there is none). */
  stages: Record<AssignableStage, { provider: string, model: string }>
  /** Every output config and the provider it names; `available` is false when that backend is not configured. */
  outputs: { id: string, media_type: string, provider: string, model: string | null, available: boolean, default: boolean }[]
}
