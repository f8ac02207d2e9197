import type { MediaType, SafetyLevel } from '#shared/schemas/common'
import type { InputImageRecord, RunMetadata, RunStatus } from '#shared/schemas/run'

/** Texts are capped at 2,000 characters on input; the cap here only keeps a bad file from bloating memory. */
const MAX_TEXT = 2000

/** What the index keeps per run: enough for lists, filters and retention, no stage details. */
export interface RunSummary {
  run_id: string
  created_at: string
  updated_at: string
  session_id: string
  participant_id: string | null
  perspective: string
  output: string | null
  output_type: MediaType | null
  status: RunStatus
  safety_level: SafetyLevel
  hidden: boolean
  favourite: boolean
  /** In the session's class gallery (older index lines lack these: read them with `?? false`). */
  published?: boolean
  /** The student suggested it for the class gallery. */
  suggested?: boolean
  input_text: string
  interception_text: string | null
  /** File names inside the run folder, for media URLs. */
  thumbnail: string | null
  media_file: string | null
  /** The student's pictures (files in the run folder), shown beside the output. */
  input_images: Pick<InputImageRecord, 'file' | 'mime' | 'width' | 'height'>[]
}

export function toRunSummary(run: RunMetadata): RunSummary {
  const first = run.outputs[0]
  return {
    run_id: run.run_id,
    created_at: run.created_at,
    updated_at: run.updated_at,
    session_id: run.session_id,
    participant_id: run.participant_id,
    perspective: run.perspective,
    output: run.output,
    output_type: first?.type ?? null,
    status: run.status,
    safety_level: run.safety_level,
    // Runs stored before moderation existed have no `hidden`.
    hidden: run.hidden ?? false,
    favourite: run.favourite,
    published: Boolean(run.class_gallery?.published_at),
    suggested: Boolean(run.class_gallery?.suggested_at),
    input_text: run.input_text.slice(0, MAX_TEXT),
    interception_text: run.interception_text?.slice(0, MAX_TEXT) ?? null,
    thumbnail: first?.thumbnail ?? null,
    media_file: first?.filename ?? null,
    // Runs stored before pictures came in have none.
    input_images: (run.input_images ?? []).map(({ file, mime, width, height }) => ({ file, mime, width, height })),
  }
}

/** Case- and Unicode-form-insensitive text for substring search: "Äpfel" typed on an iPad finds "äpfel". */
export const searchText = (text: string) => text.normalize('NFC').toLocaleLowerCase('de')

export const summarySearchText = (summary: RunSummary) =>
  searchText(`${summary.input_text}\n${summary.interception_text ?? ''}`)
