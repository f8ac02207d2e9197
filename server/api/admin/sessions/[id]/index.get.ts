import { defineEventHandler } from 'h3'
import { useReadyApp } from '../../../../utils/app-context'
import { requireLeader } from '../../../../utils/auth/leader'
import { requireParam } from '../../../../utils/http/route-params'
import { requireSession } from '../../../../utils/sessions/session-store'

/** GET /api/admin/sessions/:id: the session, its participants with their run counts, and run counts by status and perspective. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const id = requireParam(event, 'id')
  const { sessions, participantStore, index } = await useReadyApp()
  const session = await requireSession(sessions, id)
  await index.ready
  const members = await participantStore.members(id)
  return {
    session,
    participants: members.map(participant => ({
      participant_id: participant.participant_id,
      pseudonym: participant.pseudonym,
      created_at: participant.created_at,
      run_count: index.counts({ session_id: id, participant_id: participant.participant_id }).total,
    })),
    counts: index.counts({ session_id: id }),
  }
})
