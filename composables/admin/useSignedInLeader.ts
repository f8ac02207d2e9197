/**
 * The signed-in course leader's name, as the server last said (`/api/admin/me`); null on the
 * sign-in page of a browser that is not signed in, and after signing out. The session itself lives on the server.
 */
export const useSignedInLeader = () => useState<string | null>('admin-signed-in-leader', () => null)

/** Asks the server who is signed in (forwarding the cookie during server rendering) and remembers it. */
export async function refreshSignedInLeader(): Promise<string | null> {
  // Both before the await: during server rendering the Nuxt instance is gone after it.
  const leader = useSignedInLeader()
  const headers = import.meta.server ? useRequestHeaders(['cookie']) : undefined
  const me = await $fetch<{ leader: { name: string } }>('/api/admin/me', { headers }).catch(() => null)
  return leader.value = me?.leader.name ?? null
}

/** Ends the session on the server (or all of the leader's), forgets the name and goes to the sign-in page; throws if the server refused. */
export async function signOutLeader(everywhere = false) {
  const leader = useSignedInLeader()
  await $fetch(everywhere ? '/api/admin/me/sessions' : '/api/admin/logout', { method: everywhere ? 'DELETE' : 'POST' })
  leader.value = null
  await navigateTo('/admin/login')
}
