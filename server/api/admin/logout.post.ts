import { defineEventHandler, setResponseStatus } from 'h3'

/** POST /api/admin/logout: ends the leader's session (also for anyone not signed in, so it never fails) → 204. */
export default defineEventHandler(async (event) => {
  await clearUserSession(event)
  setResponseStatus(event, 204)
  return null
})
