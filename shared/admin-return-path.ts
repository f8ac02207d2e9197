/**
 * Where the sign-in page may send a leader afterwards: only an admin page of this site, so a
 * crafted link (`?next=https://evil.example` or `//evil.example`) cannot lead elsewhere.
 */
export function adminReturnPath(next: unknown): string {
  if (typeof next !== 'string' || /[\\\s]|\/\//.test(next)) return '/admin'
  if (!/^\/admin(?:[/?#]|$)/.test(next) || /^\/admin\/login(?:[/?#]|$)/.test(next)) return '/admin'
  return next
}
