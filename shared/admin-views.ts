// Shapes the admin pages read: types only, so pages can import them without shipping zod.
import type { RunStatus } from './run-status'
import type { MediaType, SafetyLevel } from './schemas/common'
import type { InputImageView } from './schemas/run'

export interface RunCounts {
  total: number
  by_status: Record<string, number>
  by_perspective: Record<string, number>
}

/** One run in the leader's lists (run browser, session feed): no stage details. */
export interface AdminRunRow {
  run_id: string
  created_at: string
  updated_at: string
  session_id: string
  session_name: string | null
  participant_id: string | null
  pseudonym: string | null
  perspective: string
  output: string | null
  output_type: MediaType | null
  status: RunStatus
  safety_level: SafetyLevel
  hidden: boolean
  /** In the session's class gallery, and whether its student suggested it. */
  published: boolean
  suggested: boolean
  input_text: string
  interception_text: string | null
  thumbnail_url: string | null
  media_url: string | null
  /** The student's pictures the run started from. */
  input_images: InputImageView[]
}

/** One tile on the projector wall: finished, not hidden, with an output. */
export interface WallItem {
  run_id: string
  created_at: string
  perspective: string
  output_type: MediaType
  media_url: string
  thumbnail_url: string | null
  interception_text: string | null
  pseudonym: string | null
  /** The student's pictures the output was made from (served to leaders). */
  input_images: InputImageView[]
}

/** What GET /api/admin/exports/:export_id answers while an export streams and for an hour after. */
export interface ExportProgress {
  export_id: string
  status: 'running' | 'done' | 'failed'
  runs_total: number
  runs_done: number
  bytes: number
  started_at: string
  error: string | null
}
