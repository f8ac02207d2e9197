/**
 * The signed-in course leader's name, as the admin route middleware last saw it (`/api/admin/me`);
 * null on the sign-in page and after signing out. The session itself lives on the server.
 */
export const useSignedInLeader = () => useState<string | null>('admin-signed-in-leader', () => null)

/** Ends the session on the server (or all of the leader's), forgets the name and goes to the sign-in page; throws if the server refused. */
export async function signOutLeader(everywhere = false) {
  await $fetch(everywhere ? '/api/admin/me/sessions' : '/api/admin/logout', { method: everywhere ? 'DELETE' : 'POST' })
  useSignedInLeader().value = null
  await navigateTo('/admin/login')
}
