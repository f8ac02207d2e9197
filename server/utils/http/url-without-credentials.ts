/** A URL for logs, messages and /api/health: no user or password, no trailing slash; `fallback` when it is not a URL. */
export function urlWithoutCredentials(value: string, fallback = '(not a URL)'): string {
  if (!URL.canParse(value)) return fallback
  const url = new URL(value)
  url.username = ''
  url.password = ''
  return url.toString().replace(/\/$/, '')
}

// scheme://user:password@ or scheme://user@ inside any text; the host and path stay readable.
const CREDENTIALS_IN_URL = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi

/** Any text (an error message, a log line) with the user and password taken out of every URL in it. */
export function textWithoutUrlCredentials(text: string): string {
  return text.replace(CREDENTIALS_IN_URL, '$1')
}
