import { createError } from 'h3'
import type { ClassGalleryItem } from '#shared/class-gallery'
import type { RunMetadata } from '#shared/schemas/run'
import type { Participant } from '#shared/schemas/session'
import { useAppContext } from '../app-context'
import type { LeaderIdentity } from '../auth/leader'
import { outputView } from '../pipeline/run-status-view'
import type { RunService } from '../pipeline/run-service'
import type { RunIndex } from '../run-index/run-index'
import { isRunId } from '../storage/run-keys'

/** More tiles than a class makes in a workshop; the page shows the newest. */
export const CLASS_GALLERY_LIMIT = 120

const notFound = () => createError({ statusCode: 404, statusMessage: 'There is no run with this id' })

/** Only a finished run with a released output can be shown to the class. */
const showable = (run: RunMetadata) => run.status === 'completed' && run.outputs.length > 0

/**
 * Whether `run` is in the class gallery `participant` sees: published by a leader, not hidden,
 * finished, and of the participant's own session. Everything a classmate may read hangs on this.
 */
export function inClassGalleryOf(run: RunMetadata, participant: Pick<Participant, 'session_id'>): boolean {
  return run.session_id === participant.session_id && !run.hidden && showable(run) && Boolean(run.class_gallery?.published_at)
}

/**
 * The files of a published run a classmate's device may read: the released outputs and their
 * thumbnails, never the student's pictures in, the sketch's edits or anything else in the folder.
 */
export function isClassGalleryFile(run: RunMetadata, file: string): boolean {
  return run.outputs.some(output => output.filename === file || output.thumbnail === file)
}

/** The run, when the device of `participantId` sees it in its class gallery; null otherwise. */
export async function classmateRun(runId: string, participantId: string | null): Promise<RunMetadata | null> {
  if (!participantId || !isRunId(runId)) return null
  const { runs, participantStore } = useAppContext()
  const [participant, run] = await Promise.all([participantStore.get(participantId), runs.get(runId)])
  return participant && run && inClassGalleryOf(run, participant) ? run : null
}

/** The student asks for their finished run to be shown to the class; the leader decides. */
export async function suggestForClassGallery(service: RunService, runId: string, participantId: string | null): Promise<RunMetadata> {
  const run = await service.visibleRun(runId, { participantId, leader: false })
  if (!showable(run)) throw createError({ statusCode: 409, statusMessage: 'Only a finished run with a result can be suggested', data: { reason: 'not_finished' } })
  const { runs } = useAppContext()
  return runs.update(runId, (latest) => {
    latest.class_gallery = { suggested_at: latest.class_gallery?.suggested_at ?? new Date().toISOString(), published_at: latest.class_gallery?.published_at ?? null, published_by: latest.class_gallery?.published_by ?? null }
  })
}

/** A leader shows a run to every student of its session, or takes it out again; both audited. Hidden runs are refused. */
export async function setRunPublished(runId: string, published: boolean, leader: LeaderIdentity, reason: string | null): Promise<RunMetadata> {
  const { runs, audit } = useAppContext()
  if (!isRunId(runId) || !(await runs.get(runId))) throw notFound()
  // Decided on the run as it is under the write lock: a hide in between wins.
  const run = await runs.update(runId, (latest) => {
    if (published && latest.hidden) throw createError({ statusCode: 409, statusMessage: 'A hidden run cannot be shown to the class; show it again first' })
    if (published && !showable(latest)) throw createError({ statusCode: 409, statusMessage: `Only a finished run with a result can be shown to the class; this run is ${latest.status}` })
    const suggestedAt = latest.class_gallery?.suggested_at ?? null
    latest.class_gallery = published
      ? { suggested_at: suggestedAt, published_at: new Date().toISOString(), published_by: leader.name }
      : (suggestedAt ? { suggested_at: suggestedAt, published_at: null, published_by: null } : null)
  })
  await audit.add({ actor: leader.name, action: published ? 'run.publish' : 'run.unpublish', run_id: runId, session_id: run.session_id, reason })
  return run
}

/** The class gallery of the participant's session, newest published first. */
export async function classGalleryOf(participant: Participant, index: Pick<RunIndex, 'ready' | 'query'>): Promise<ClassGalleryItem[]> {
  const { runs } = useAppContext()
  await index.ready
  const { rows } = index.query({ session_id: participant.session_id, status: 'completed', hidden: false, published: true }, { offset: 0, limit: CLASS_GALLERY_LIMIT })
  // The index may trail another instance's change by a moment: the run itself decides.
  const found = await Promise.all(rows.map(row => runs.get(row.run_id)))
  return found
    .filter((run): run is RunMetadata => run !== null && inClassGalleryOf(run, participant))
    .map(run => toClassGalleryItem(run, participant.participant_id))
    .sort((a, b) => b.published_at.localeCompare(a.published_at))
}

function toClassGalleryItem(run: RunMetadata, viewerId: string): ClassGalleryItem {
  const output = run.outputs[0]!
  return {
    run_id: run.run_id,
    published_at: run.class_gallery!.published_at!,
    perspective: run.perspective,
    // Changed rules (run.rules), else the rules a perspective such as "Your Call!" takes as context.
    rules: run.rules ?? run.context,
    input_text: run.input_text,
    interception_text: run.interception_text,
    // No sketch_url: a classmate sees the sketch's picture, its code stays the student's.
    output: outputView(run, output),
    mine: run.participant_id === viewerId,
  }
}
