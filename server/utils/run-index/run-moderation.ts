import { createError } from 'h3'
import type { AdminRunRow } from '#shared/admin-views'
import { isFinalStatus } from '#shared/schemas/run'
import { useAppContext } from '../app-context'
import type { LeaderIdentity } from '../auth/leader'
import { isRunId } from '../storage/run-keys'
import { inputImageViews } from '../pipeline/run-status-view'
import { toAdminRunRows } from './admin-run-rows'
import { toRunSummary } from './run-summary'

const notFound = () => createError({ statusCode: 404, statusMessage: 'There is no run with this id' })

/** Hides a run from its student and the wall (kept for research), or shows it again; audited. */
export async function setRunHidden(runId: string, hidden: boolean, leader: LeaderIdentity, reason: string | null): Promise<AdminRunRow> {
  const { runs, audit } = useAppContext()
  if (!isRunId(runId) || !await runs.get(runId)) throw notFound()
  let unpublished = false
  const run = await runs.update(runId, (next) => {
    next.hidden = hidden
    // A hidden run leaves the class gallery for good: showing it again does not publish it again.
    if (hidden && next.class_gallery?.published_at) {
      next.class_gallery = { ...next.class_gallery, published_at: null, published_by: null }
      unpublished = true
    }
  })
  await audit.add({ actor: leader.name, action: hidden ? 'run.hide' : 'run.unhide', run_id: runId, session_id: run.session_id, reason, ...(unpublished ? { detail: { unpublished: true } } : {}) })
  const [row] = await toAdminRunRows([toRunSummary(run)])
  return row!
}

/** Removes the run folder and the participant's reference to it, stopping its job first; audited with the reason. */
export async function deleteRun(runId: string, leader: LeaderIdentity, reason: string): Promise<void> {
  const { runs, participants, queue, audit } = useAppContext()
  const run = isRunId(runId) ? await runs.get(runId) : null
  if (!run) throw notFound()
  if (!isFinalStatus(run.status)) await queue.cancel(runId)
  await runs.delete(runId)
  if (run.participant_id) await participants.remove(run.participant_id, runId)
  await audit.add({ actor: leader.name, action: 'run.delete', run_id: runId, session_id: run.session_id, reason })
}

/** Everything about one run for the leader: metadata, where it belongs, its files and its audit trail. */
export async function runDetail(runId: string) {
  const { runs, sessions, participantStore, audit } = useAppContext()
  const run = isRunId(runId) ? await runs.get(runId) : null
  if (!run) throw notFound()
  const [session, participant, files, entries] = await Promise.all([
    sessions.get(run.session_id),
    run.participant_id ? participantStore.get(run.participant_id) : null,
    runs.listFiles(runId),
    audit.list({ limit: 100, runId }),
  ])
  return {
    run: { ...run, hidden: run.hidden ?? false },
    session: session ? { id: session.id, name: session.name } : null,
    participant: participant ? { pseudonym: participant.pseudonym } : null,
    files,
    input_images: inputImageViews({ run_id: run.run_id, input_images: run.input_images ?? [] }),
    audit: entries,
  }
}
