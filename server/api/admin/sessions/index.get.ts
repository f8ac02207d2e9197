import { defineEventHandler, getValidatedQuery } from 'h3'
import { z } from 'zod'
import { useReadyApp } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'

const Query = z.object({ archived: z.enum(['true', 'false']).default('false') })

/** GET /api/admin/sessions: the sessions (or the archived ones), newest first, with participant and run counts. */
export default defineEventHandler(async (event) => {
  await requireLeader(event)
  const { archived } = await getValidatedQuery(event, Query.parse)
  const { sessions, participantStore, index } = await useReadyApp()
  await index.ready
  const listed = (await sessions.list()).filter(session => session.archived === (archived === 'true'))
  return {
    sessions: await Promise.all(listed.map(async session => ({
      ...session,
      participant_count: await participantStore.count(session.id),
      run_count: index.counts({ session_id: session.id }).total,
    }))),
  }
})
