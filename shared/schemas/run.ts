import { z } from 'zod'
import { type RunCheck, RUN_STATUSES, STAGE_NAMES } from '../run-status'
import { Language, LocalizedText, MediaType, SafetyLevel } from './common'
import { PersonalDataRule } from './personal-data'
import { LYRICS_MAX_CHARS, SONG_TAGS, type SongTag } from '../song-tags'
import { MAX_INPUT_IMAGES } from '../input-images'

export const RUN_SCHEMA_VERSION = 1

/** A sketch a child writes fits easily; a pasted library does not. */
export const SKETCH_MAX_CHARS = 20_000
/** Rules a child writes fit in a few lines; the field allows a long page of them. */
export const RULES_MAX_CHARS = 1000

export { FINAL_STATUSES, isFinalStatus, RUN_CHECKS, RUN_STATUSES, STAGE_NAMES, type RunCheck } from '../run-status'

export const StageName = z.enum(STAGE_NAMES)
export type StageName = z.infer<typeof StageName>

export const RunStatus = z.enum(RUN_STATUSES)
export type RunStatus = z.infer<typeof RunStatus>

const Timestamp = z.iso.datetime()

export const StageRecord = z.object({
  name: StageName,
  status: z.enum(['pending', 'running', 'done', 'blocked', 'failed', 'skipped', 'cancelled']),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  started_at: Timestamp.nullable(),
  finished_at: Timestamp.nullable(),
  duration_ms: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
  /** What the stage produced or decided, for research: e.g. the translated prompt. */
  detail: z.record(z.string(), z.unknown()).optional(),
})
export type StageRecord = z.infer<typeof StageRecord>

export const OutputRecord = z.object({
  type: MediaType,
  filename: z.string(),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  duration_s: z.number().nonnegative().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  provider: z.string(),
  config: z.string(),
  thumbnail: z.string().nullable(),
  created_at: Timestamp,
  /** The medium's own facts read from the file (video: fps, codec; music: lyrics, tags…); older runs have none. */
  details: z.record(z.string(), z.json()).optional(),
})
export type OutputRecord = z.infer<typeof OutputRecord>

export const PromptEdit = z.object({
  at: Timestamp,
  /** Who wrote this version of the text that will be generated. */
  source: z.enum(['interception', 'student', 'generate_request']),
  text: z.string(),
  /**
   * What the text is: the prompt when missing, a song's lyrics, a sketch's code, the student's
   * version of the perspective's rules, or the text the generator receives ("what the machine is told").
   */
  kind: z.enum(['prompt', 'lyrics', 'code', 'rules', 'machine_text']).optional(),
})
export type PromptEdit = z.infer<typeof PromptEdit>

export const BlockedInfo = z.object({
  stage: StageName,
  reason_code: z.string(),
  message: LocalizedText,
})
export type BlockedInfo = z.infer<typeof BlockedInfo>

export const RunError = z.object({
  stage: StageName.nullable(),
  code: z.string(),
  /** For the course leader: what went wrong and where. */
  message: z.string(),
  /** For the child: short, friendly, no reason codes. */
  child_message: LocalizedText,
  retryable: z.boolean(),
})
export type RunError = z.infer<typeof RunError>

export const Progress = z.object({ value: z.number().nonnegative(), max: z.number().positive() })
export type Progress = z.infer<typeof Progress>

/** metadata.json: everything known about one run, the atomic research unit. */
export { MAX_INPUT_IMAGES } from '../input-images'

/** One of the student's pictures, copied into the run folder when the run began (it never depends on the upload again). */
export const InputImageRecord = z.object({
  /** Its file in the run folder: input-image-1.jpg, input-image-2.png … in the student's order. */
  file: z.string().regex(/^input-image-[1-3]\.(jpg|png)$/),
  mime: z.enum(['image/jpeg', 'image/png']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})
export type InputImageRecord = z.infer<typeof InputImageRecord>

/** A run's picture as pages see it: served by the media route to the run's student and leaders only. */
export interface InputImageView {
  file: string
  url: string
  /** A small WebP of it (the media route's `?w=` sizes). */
  thumbnail_url: string
  width: number
  height: number
  mime: string
}

/** Where the run stands with the class gallery of its session: a student's suggestion and a leader's publishing. */
export const ClassGalleryRecord = z.object({
  /** The student asked their leader to show it to the class. */
  suggested_at: Timestamp.nullable(),
  /** A leader published it: every student of the session sees it (never while hidden). */
  published_at: Timestamp.nullable(),
  published_by: z.string().nullable(),
})
export type ClassGalleryRecord = z.infer<typeof ClassGalleryRecord>

/** A child's answer to one reflection question, kept for research: a chip, their own words, or both. */
export const ReflectionAnswer = z.object({
  question_id: z.string(),
  chip: z.string().nullable(),
  text: z.string().nullable(),
  answered_at: Timestamp,
})
export type ReflectionAnswer = z.infer<typeof ReflectionAnswer>

/** A run keeps every answer given (a changed answer is a new one); more than this is not a child reflecting. */
export const MAX_REFLECTION_ANSWERS = 30
export const REFLECTION_TEXT_MAX_CHARS = 500

export const RunMetadata = z.object({
  schema_version: z.literal(RUN_SCHEMA_VERSION),
  run_id: z.uuid({ version: 'v4' }),
  created_at: Timestamp,
  updated_at: Timestamp,
  status: RunStatus,
  /** The stage running now, or the last one that ran. */
  stage: StageName.nullable(),
  /** The course session the run belongs to; `studio` is the open studio. */
  session_id: z.string(),
  /** The device that made the run (a random id in a cookie, no personal data). */
  participant_id: z.string().nullable(),
  /** The student marked it as one of their favourites. */
  favourite: z.boolean(),
  /** A course leader hid it: the student and the wall no longer show it; it stays for research. */
  hidden: z.boolean().default(false),
  perspective: z.string(),
  /** The student's own rules, for perspectives that let the student write them. */
  context: z.string().nullable(),
  /**
   * The student's version of the perspective's rules (changed or their own), which the interception
   * follows instead of the perspective's; null while the perspective's own rules apply. For a
   * perspective whose rules the student always writes (user_defined) it equals `context`.
   */
  rules: z.string().nullable().default(null),
  language: Language,
  safety_level: SafetyLevel,
  /** The session's rule when the run began; only adult and research runs may redact. */
  personal_data: PersonalDataRule.default('block'),
  seed: z.number().int().nonnegative(),
  /** The output config asked for; null until the student chooses one. */
  output: z.string().nullable(),
  input_text: z.string(),
  /** The student's pictures (none for a run of words only). */
  input_images: z.array(InputImageRecord).max(MAX_INPUT_IMAGES).default([]),
  interception_text: z.string().nullable(),
  /** The text stage 4 generated from, after translation. */
  generation_prompt: z.string().nullable(),
  /** The student's edit of what the machine is told: used as the generator's text as it is (checked, not translated); null to translate the interception. */
  machine_text: z.string().nullable().default(null),
  stages: z.array(StageRecord),
  outputs: z.array(OutputRecord),
  prompt_history: z.array(PromptEdit),
  progress: Progress.nullable(),
  /** A song's words: the student's own or, once checked, the perspective's; null for other media. */
  lyrics: z.string().nullable().default(null),
  /** The style tags the student picked for a song (shared/song-tags.ts). */
  tags: z.array(z.string()).default([]),
  /** While a stage waits for a busy backend: its place in line (1 = next); null otherwise. */
  waiting_position: z.number().int().positive().nullable().default(null),
  blocked: BlockedInfo.nullable(),
  error: RunError.nullable(),
  /** How often a job for this run has been started; restarts count. */
  attempts: z.number().int().nonnegative(),
  cancel_requested: z.boolean(),
  /** Which server instance has the run in hand: the one that queued it, then the one that last worked on it. */
  instance_id: z.string().nullable(),
  /** Suggested for or published in the session's class gallery; null for most runs. */
  class_gallery: ClassGalleryRecord.nullable().default(null),
  /** The child's answers to the reflection questions after the result, oldest first (optional for the child). */
  reflection: z.array(ReflectionAnswer).max(MAX_REFLECTION_ANSWERS).default([]),
})
export type RunMetadata = z.infer<typeof RunMetadata>

/** What every iPad polls: small, no history, no research detail. */
export interface RunStatusView {
  run_id: string
  status: RunStatus
  stage: StageName | null
  queue_position: number | null
  progress: Progress | null
  stages: Pick<StageRecord, 'name' | 'status' | 'duration_ms'>[]
  /** The checks this run has passed, for the badges on the child's page. */
  checks_passed: RunCheck[]
  perspective: string
  favourite: boolean
  output: string | null
  input_text: string
  /** The student's rules for this run (changed or their own); null while the perspective's apply. */
  rules: string | null
  /** The student's pictures, shown beside the output. */
  input_images: InputImageView[]
  interception_text: string | null
  outputs: {
    type: MediaType
    url: string
    thumbnail_url: string | null
    mime: string
    width: number | null
    height: number | null
    duration_s: number | null
    /** A song's words and tags, shown with its player (outputs are listed only once released, so the words are checked). */
    lyrics?: string
    tags?: string[]
    /** A sketch's current code (the student's last saved edit or the generated one). */
    sketch_url?: string
  }[]
  /** Suggested for, or published in, the session's class gallery. */
  class_gallery: { suggested: boolean, published: boolean }
  blocked?: BlockedInfo
  /** The child's words and a code only: the reason (backends, addresses) is for leaders' pages. */
  error?: Pick<RunError, 'code' | 'child_message' | 'retryable'>
}

/** One output as pages see it; each medium's Viewer.vue (media/<type>/) shows one. */
export type RunOutputView = RunStatusView['outputs'][number]

export const CreateRunRequest = z.object({
  perspective: z.string().min(1).max(64),
  /** May be empty or left out when input_images are given: the picture is then the idea. Without pictures it must not be empty. */
  input_text: z.string().trim().max(2000, 'must be at most 2000 characters').default(''),
  context: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  /** The student's version of the perspective's rules (changed or their own), checked like the idea. */
  rules: z.string().trim().min(1, 'must not be empty').max(RULES_MAX_CHARS, `must be at most ${RULES_MAX_CHARS} characters`).optional(),
  output: z.string().min(1).max(64).optional(),
  /** Upload ids (POST /api/uploads) of the student's own pictures, in order. */
  input_images: z.array(z.string().min(1).max(64)).min(1).max(MAX_INPUT_IMAGES, `must be at most ${MAX_INPUT_IMAGES} pictures`).optional(),
  seed: z.number().int().nonnegative().max(2 ** 32 - 1).optional(),
  safety_level: SafetyLevel.optional(),
  language: Language.optional(),
  lyrics: z.string().trim().max(LYRICS_MAX_CHARS, `must be at most ${LYRICS_MAX_CHARS} characters`).optional(),
  tags: z.array(z.enum(SONG_TAGS as [SongTag, ...SongTag[]])).max(SONG_TAGS.length).optional(),
}).strict().superRefine((request, context) => {
  if (!request.input_text && !request.input_images?.length) context.addIssue({ code: 'custom', path: ['input_text'], message: 'must not be empty' })
  if (request.input_images && new Set(request.input_images).size !== request.input_images.length) {
    context.addIssue({ code: 'custom', path: ['input_images'], message: 'names the same picture twice' })
  }
})
export type CreateRunRequest = z.infer<typeof CreateRunRequest>

export const GenerateRequest = z.object({
  output: z.string().min(1).max(64),
  prompt: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional(),
  /** The student's edit of what the machine is told (GET /api/runs/:id/machine-text): generated from as it is, after the pre-output check. */
  machine_text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional(),
  lyrics: z.string().trim().max(LYRICS_MAX_CHARS, `must be at most ${LYRICS_MAX_CHARS} characters`).optional(),
  tags: z.array(z.enum(SONG_TAGS as [SongTag, ...SongTag[]])).max(SONG_TAGS.length).optional(),
}).strict()

export const InterceptionEdit = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
}).strict()

/** PATCH /api/runs/:id/rules: the student's changed rules; the idea is transformed again by them. */
export const RulesEdit = z.object({
  rules: z.string().trim().min(1, 'must not be empty').max(RULES_MAX_CHARS, `must be at most ${RULES_MAX_CHARS} characters`),
}).strict()

/** What the machine is told: the text the generator will receive for this output, after it passed the pre-output check. */
export interface MachineTextView {
  text: string
  /** Translated into English for this output (the child's language otherwise). */
  translated: boolean
  output: string
}

/** The student's edit of a sketch: the whole code, as the editor holds it. */
export const SketchEdit = z.object({
  code: z.string().max(SKETCH_MAX_CHARS, `must be at most ${SKETCH_MAX_CHARS} characters`),
}).strict()

export const FavouriteRequest = z.object({ favourite: z.boolean() }).strict()

/** One answer to one reflection question: a chip, typed words, or both. */
export const ReflectionRequest = z.object({
  question_id: z.string().min(1).max(64),
  chip: z.string().min(1).max(64).optional(),
  text: z.string().trim().max(REFLECTION_TEXT_MAX_CHARS, `must be at most ${REFLECTION_TEXT_MAX_CHARS} characters`).optional(),
}).strict().refine(answer => answer.chip !== undefined || Boolean(answer.text), { message: 'needs a chip or some words', path: ['text'] })

/** One tile in the student's gallery. */
export interface GalleryItem {
  run_id: string
  created_at: string
  status: RunStatus
  perspective: string
  input_text: string
  interception_text: string | null
  favourite: boolean
  output_type: MediaType | null
  thumbnail_url: string | null
  /** The student's pictures of this run, shown on tap. */
  input_images: InputImageView[]
}
