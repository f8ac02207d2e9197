/**
 * Leader session cookies are Secure unless NUXT_INSECURE_COOKIES=true (plain-http school LAN).
 * nuxt-auth-utils reads its cookie options from the runtime config of the first request and keeps
 * them; Nitro fills that config from NUXT_* variables, so setting the variable before any request
 * is the one place the choice takes effect, for every session cookie alike.
 */
export function applyCookieSecurity(insecureCookies: boolean) {
  process.env.NUXT_SESSION_COOKIE_SECURE = insecureCookies ? 'false' : 'true'
  if (insecureCookies) console.warn('[auth] NUXT_INSECURE_COOKIES=true: leader session cookies are also sent over plain http')
}
