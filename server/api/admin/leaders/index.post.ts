import { createError, defineEventHandler, setResponseStatus } from 'h3'
import { useAppContext } from '../../../utils/app-context'
import { requireLeader } from '../../../utils/auth/leader'
import { LeaderCreate } from '../../../utils/auth/leader-schemas'
import { LeaderExistsError } from '../../../utils/auth/leader-store'
import { readJsonBody } from '../../../utils/http/read-json-body'

/** POST /api/admin/leaders {name, password}: a leader adds another leader → 201 {leader:{name}}; 409 if the name is taken. */
export default defineEventHandler(async (event) => {
  const leader = await requireLeader(event)
  const { name, password } = await readJsonBody(event, LeaderCreate)
  const { leaders, audit } = useAppContext()
  try {
    await leaders.create(name, password)
  }
  catch (error) {
    if (error instanceof LeaderExistsError) throw createError({ statusCode: 409, statusMessage: error.message })
    throw error
  }
  await audit.add({ actor: leader.name, action: 'leader.create', detail: { name } })
  setResponseStatus(event, 201)
  return { leader: { name } }
})
