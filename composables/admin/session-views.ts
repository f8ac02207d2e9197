// The shapes the session pages read from the admin API; run rows come from shared/admin-views.
import type { CourseSession } from '#shared/schemas/session'
import type { LocalizedText, MediaType } from '#shared/schemas/common'

export type { AdminRunRow, RunCounts, WallItem } from '#shared/admin-views'
import type { AdminRunRow, RunCounts, WallItem } from '#shared/admin-views'

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
  outputs: { id: string, name: LocalizedText, media_type: MediaType }[]
}
