import { deleteCookie, getCookie, type H3Event, setCookie } from 'h3'
import type { Settings } from '../settings'

export const LEADER_COOKIE = 'ai4a_leader'

type CookieSettings = Pick<Settings, 'insecureCookies' | 'leaderSessionSeconds'>

/** The leader's session token (leader-sessions.ts); nothing else is in the cookie. */
export const leaderTokenOf = (event: H3Event) => getCookie(event, LEADER_COOKIE) ?? null

/** Secure unless NUXT_INSECURE_COOKIES=true (plain-http school LAN): browsers then send it only over https and to localhost. */
const options = (settings: CookieSettings) => ({ httpOnly: true, sameSite: 'lax' as const, path: '/', secure: !settings.insecureCookies })

export function setLeaderCookie(event: H3Event, token: string, settings: CookieSettings) {
  setCookie(event, LEADER_COOKIE, token, { ...options(settings), maxAge: settings.leaderSessionSeconds })
}

export function clearLeaderCookie(event: H3Event, settings: CookieSettings) {
  deleteCookie(event, LEADER_COOKIE, options(settings))
}
