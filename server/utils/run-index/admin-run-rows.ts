import type { AdminRunRow } from '#shared/admin-views'
import type { CourseSession, Participant } from '#shared/schemas/session'
import { useAppContext } from '../app-context'
import { inputImageViews, mediaUrl } from '../pipeline/run-status-view'
import type { RunSummary } from './run-summary'

/** Rows for the leader's lists: session names and pseudonyms looked up once per call, not per row. */
export async function toAdminRunRows(summaries: RunSummary[]): Promise<AdminRunRow[]> {
  const { sessions, participantStore } = useAppContext()
  const sessionById = new Map<string, Promise<CourseSession | null>>()
  const participantById = new Map<string, Promise<Participant | null>>()
  const sessionOf = (id: string) => sessionById.get(id) ?? sessionById.set(id, sessions.get(id)).get(id)!
  const participantOf = (id: string) => participantById.get(id) ?? participantById.set(id, participantStore.get(id)).get(id)!
  return Promise.all(summaries.map(async summary => toAdminRunRow(
    summary,
    (await sessionOf(summary.session_id))?.name ?? null,
    summary.participant_id ? (await participantOf(summary.participant_id))?.pseudonym ?? null : null,
  )))
}

export function toAdminRunRow(summary: RunSummary, sessionName: string | null, pseudonym: string | null): AdminRunRow {
  return {
    run_id: summary.run_id,
    created_at: summary.created_at,
    updated_at: summary.updated_at,
    session_id: summary.session_id,
    session_name: sessionName,
    participant_id: summary.participant_id,
    pseudonym,
    perspective: summary.perspective,
    output: summary.output,
    output_type: summary.output_type,
    status: summary.status,
    safety_level: summary.safety_level,
    hidden: summary.hidden,
    published: summary.published ?? false,
    suggested: summary.suggested ?? false,
    input_text: summary.input_text,
    interception_text: summary.interception_text,
    thumbnail_url: summary.thumbnail ? mediaUrl(summary.run_id, summary.thumbnail) : null,
    media_url: summary.media_file ? mediaUrl(summary.run_id, summary.media_file) : null,
    // Summaries in an index log written before pictures came in have none.
    input_images: inputImageViews({ run_id: summary.run_id, input_images: summary.input_images ?? [] }),
  }
}
