const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The only routes that take multipart/form-data (file uploads); everything else takes JSON. */
const MULTIPART_ROUTES = [/^\/api\/uploads([/?]|$)/]

export interface RequestOrigins {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  /** Origins this server answers at: the request's own (scheme and Host) and NUXT_PUBLIC_URL's. */
  allowed: string[]
}

/**
 * Why a state-changing request must be refused, or null to let it through. A page of another
 * site (another port counts) can make a browser post a form or a no-cors fetch with the leader's
 * cookie; browsers mark such requests with `Origin` and `Sec-Fetch-Site`, which a page cannot
 * forge. A form can only send form types or text/plain, never application/json, so requiring
 * JSON closes the door for the rare browser that sends neither header. A request with neither
 * (curl, scripts, other servers) passes only with an application/json body it declares.
 */
export function crossSiteRefusal({ method, path, headers, allowed }: RequestOrigins): string | null {
  if (!STATE_CHANGING.has(method.toUpperCase())) return null
  const site = first(headers['sec-fetch-site'])
  const origin = first(headers.origin)
  if (site !== undefined && site !== 'same-origin') return 'This request came from another site and was refused. Use the app\'s own pages.'
  if (origin !== undefined && !allowed.includes(origin)) return `This request came from another site (${origin}) and was refused. Use the app's own pages.`
  const type = first(headers['content-type'])?.split(';')[0]!.trim().toLowerCase()
  if (type === 'application/json') return null
  if (type === 'multipart/form-data' && MULTIPART_ROUTES.some(route => route.test(path))) return null
  // A browser's own fetch without a body carries no type but does say where it comes from.
  if (type === undefined && !hasBody(headers) && (site !== undefined || origin !== undefined)) return null
  return 'Send this request with Content-Type: application/json.'
}

function hasBody(headers: RequestOrigins['headers']): boolean {
  return headers['transfer-encoding'] !== undefined || Number(first(headers['content-length']) ?? 0) > 0
}

const first = (value: string | string[] | undefined) => Array.isArray(value) ? value[0] : value

/** `https://kunst.schule.de` from a URL setting; null when unset. */
export function originOf(url: string): string | null {
  return url && URL.canParse(url) ? new URL(url).origin : null
}
