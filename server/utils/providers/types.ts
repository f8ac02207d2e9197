import type { Language, MediaType, SafetyLevel } from '#shared/schemas/common'
import type { Perspective } from '#shared/schemas/perspective'
import type { OutputConfig } from '#shared/schemas/output'
import type { Progress } from '#shared/schemas/run'
import type { WaitingReporter } from './backends/backend-gate'

/** Every provider names itself so the run's metadata records who did what. */
export interface ProviderIdentity {
  readonly id: string
  readonly model: string
}

export type SafetyVerdict =
  | { safe: true }
  | { safe: false, reason_code: string, /** For the leader; never shown to the child. */ matched: string[] }

export interface SafetyProvider extends ProviderIdentity {
  check(input: { text: string, level: SafetyLevel, language: Language, signal?: AbortSignal, onWaiting?: WaitingReporter }): Promise<SafetyVerdict>
}

export interface InterceptionInput {
  /** The student's idea in words; may be empty when the run has pictures (the picture is then the idea). */
  text: string
  /** How many pictures the student gave (0 or absent: none); the perspective says what it does with them. */
  pictures?: number
  perspective: Perspective
  language: Language
  /** The student's own rules (user_defined) or extra context. */
  context: string | null
  /**
   * The student's changed version of the perspective's rules, followed instead of the
   * perspective's own (null or absent: the perspective's rules apply). Checked like the idea.
   */
  rules?: string | null
  seed: number
  signal?: AbortSignal
  onWaiting?: WaitingReporter
  /**
   * The check of the run's level, for a transformer to test its own candidates before it
   * answers (the interception_safety stage checks the answer again, whatever the provider did).
   */
  acceptable?: (text: string) => Promise<boolean>
  /** The first answer failed its check: transform more gently, with nothing that could hurt or offend. */
  stricter?: boolean
}

export interface InterceptionProvider extends ProviderIdentity {
  intercept(input: InterceptionInput): Promise<{ text: string }>
}

export interface TranslationProvider extends ProviderIdentity {
  /** Returns the text in English; English input comes back unchanged. */
  toEnglish(input: { text: string, language: Language, signal?: AbortSignal, onWaiting?: WaitingReporter }): Promise<{ text: string }>
}

/** A student's picture as the run keeps it (input-image-1.jpg …): re-encoded, metadata-free, checked. */
export interface InputPicture {
  /** Its file name in the run folder, e.g. `input-image-1.jpg`. */
  file: string
  mime: string
  width: number
  height: number
  data: Buffer
}

export interface GenerationInput {
  prompt: string
  seed: number
  perspective: Perspective
  output: OutputConfig
  /** The run's language: comments in a sketch, lyrics written for a song. */
  language?: Language
  /** A song output's lyrics (checked like every text) and the student's style tags. */
  music?: { lyrics: string, tags: readonly string[] }
  /** The run's pictures, in the student's order: one = transformation, two or three = fusion. Empty or absent for a run of words only. */
  pictures?: readonly InputPicture[]
  onProgress?: (progress: Progress) => void
  signal?: AbortSignal
  /** Place in the line of a busy backend (ours or the backend's own queue); null once it runs. */
  onWaiting?: WaitingReporter
}

export interface GeneratedMedia {
  data: Buffer
  mime: string
  /** File extension without the dot: png, wav, mp4… */
  extension: string
  width: number | null
  height: number | null
  duration_s: number | null
}

export interface GenerationProvider extends ProviderIdentity {
  readonly mediaType: MediaType
  generate(input: GenerationInput): Promise<GeneratedMedia>
}
