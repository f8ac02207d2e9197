export const LANGUAGE_COOKIE = 'ai4a_lang'

/** Where the UI language is remembered for a year; read by the i18n plugin on every page load. */
export const useLanguageCookie = () => useCookie<string | null>(LANGUAGE_COOKIE, { maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' })
