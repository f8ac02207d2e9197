/** Admin pages: anyone who is not a signed-in course leader goes to the sign-in page, and comes back after. */
export default defineNuxtRouteMiddleware(async (to) => {
  const headers = import.meta.server ? useRequestHeaders(['cookie']) : undefined
  const signedIn = await $fetch('/api/admin/me', { headers }).then(() => true, () => false)
  if (!signedIn) return navigateTo({ path: '/admin/login', query: { next: to.fullPath } })
})
