/** A URL for logs, messages and /api/health: no user or password, no trailing slash; `fallback` when it is not a URL. */
export function urlWithoutCredentials(value: string, fallback = '(not a URL)'): string {
  if (!URL.canParse(value)) return fallback
  const url = new URL(value)
  url.username = ''
  url.password = ''
  return url.toString().replace(/\/$/, '')
}
