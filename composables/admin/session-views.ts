// Local copy of the shared row shapes from the issue-4 contract: shared/admin-views.ts (helper INDEX)
// was not on main yet. Once it is, these re-exports should point there instead.
import type { CourseSession } from '#shared/schemas/session'
import type { RunStatus } from '#shared/run-status'
import type { SafetyLevel } from '#shared/schemas/common'
import type { LocalizedText } from '#shared/schemas/common'

export interface RunCounts { total: number, by_status: Record<string, number>, by_perspective: Record<string, number> }

export interface AdminRunRow {
  run_id: string, created_at: string, updated_at: string, session_id: string, session_name: string | null
  participant_id: string | null, pseudonym: string | null, perspective: string, output: string | null
  output_type: 'image' | 'audio' | 'video' | null, status: RunStatus, safety_level: SafetyLevel, hidden: boolean
  input_text: string, interception_text: string | null, thumbnail_url: string | null, media_url: string | null
}

export interface WallItem {
  run_id: string, created_at: string, perspective: string, output_type: 'image' | 'audio' | 'video'
  media_url: string, thumbnail_url: string | null, interception_text: string | null, pseudonym: string | null
}

/** GET /api/admin/sessions */
export type SessionListRow = CourseSession & { participant_count: number, run_count: number }

export interface SessionParticipantRow { participant_id: string, pseudonym: string, created_at: string, run_count: number }

/** GET /api/admin/sessions/:id */
export interface SessionDetail { session: CourseSession, participants: SessionParticipantRow[], counts: RunCounts }

/** GET /api/admin/sessions/:id/feed */
export interface SessionFeed { runs: AdminRunRow[], counts: RunCounts }

/** GET /api/admin/sessions/:id/wall */
export interface SessionWall { runs: WallItem[] }

/** GET /api/admin/catalog: only what the session form shows. */
export interface AdminCatalog {
  perspectives: { id: string, name: LocalizedText, icon: string }[]
  outputs: { id: string, name: LocalizedText, media_type: 'image' | 'audio' | 'video' }[]
}
