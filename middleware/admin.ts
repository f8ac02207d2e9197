import { refreshSignedInLeader } from '~/composables/admin/useSignedInLeader'

/** Admin pages: anyone who is not a signed-in course leader goes to the sign-in page, and comes back after. */
export default defineNuxtRouteMiddleware(async (to) => {
  if (!await refreshSignedInLeader()) return navigateTo({ path: '/admin/login', query: { next: to.fullPath } })
})
