import { randomInt, randomUUID } from 'node:crypto'
import type { Language, SafetyLevel } from '#shared/schemas/common'
import type { PersonalDataRule } from '#shared/schemas/personal-data'
import { type InputImageRecord, RUN_SCHEMA_VERSION, type RunMetadata, STAGE_NAMES } from '#shared/schemas/run'
import { pendingStage } from './stage-runner'

export interface NewRunFields {
  session_id: string
  participant_id: string | null
  perspective: string
  input_text: string
  context: string | null
  rules?: string | null
  language: Language
  safety_level: SafetyLevel
  personal_data?: PersonalDataRule
  output: string | null
  seed?: number
  lyrics?: string | null
  tags?: string[]
  /** The student's pictures, already copied into the run's files. */
  input_images?: InputImageRecord[]
}

export function newRun(fields: NewRunFields): RunMetadata {
  const now = new Date().toISOString()
  return {
    schema_version: RUN_SCHEMA_VERSION,
    run_id: randomUUID(),
    created_at: now,
    updated_at: now,
    status: 'queued',
    stage: null,
    session_id: fields.session_id,
    participant_id: fields.participant_id,
    favourite: false,
    hidden: false,
    input_images: fields.input_images ?? [],
    perspective: fields.perspective,
    context: fields.context,
    rules: fields.rules ?? null,
    language: fields.language,
    safety_level: fields.safety_level,
    personal_data: fields.personal_data ?? 'block',
    seed: fields.seed ?? randomInt(0, 2 ** 31),
    output: fields.output,
    input_text: fields.input_text,
    interception_text: null,
    generation_prompt: null,
    machine_text: null,
    stages: STAGE_NAMES.map(pendingStage),
    outputs: [],
    prompt_history: [],
    lyrics: fields.lyrics ?? null,
    tags: fields.tags ?? [],
    progress: null,
    waiting_position: null,
    blocked: null,
    error: null,
    attempts: 0,
    cancel_requested: false,
    instance_id: null,
    class_gallery: null,
    reflection: [],
  }
}
