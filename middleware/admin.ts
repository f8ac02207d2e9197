import { useSignedInLeader } from '~/composables/admin/useSignedInLeader'

/** Admin pages: anyone who is not a signed-in course leader goes to the sign-in page, and comes back after. */
export default defineNuxtRouteMiddleware(async (to) => {
  const headers = import.meta.server ? useRequestHeaders(['cookie']) : undefined
  const me = await $fetch<{ leader: { name: string } }>('/api/admin/me', { headers }).catch(() => null)
  useSignedInLeader().value = me?.leader.name ?? null
  if (!me) return navigateTo({ path: '/admin/login', query: { next: to.fullPath } })
})
