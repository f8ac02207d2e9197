import { createI18n } from 'vue-i18n'
import { useLanguageCookie } from '~/composables/useLanguageCookie'

interface Messages { [key: string]: Messages | string }

// Every JSON file under locales/<language>/ belongs to that language; a new language is a new
// folder with the same files (e.g. locales/tr/), nothing else to register. The leaders' files
// (admin*.json) come only with the leaders' pages (middleware/admin-messages.global.ts): a child's
// iPad never downloads them. A `*.lazy.json` file is left out of the first load too: the code that
// needs it merges it in when it loads (e.g. the picture tray).
const files = import.meta.glob<Messages>(['../locales/*/*.json', '!../locales/*/admin*.json', '!../locales/*/*.lazy.json'], { eager: true, import: 'default' })
const leaderFiles = import.meta.glob<Messages>('../locales/*/admin*.json', { import: 'default' })

/** A medium's own file (locales/<lang>/media-video.json) adds keys inside run.json's groups instead of replacing them. */
function mergeInto(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key]
    target[key] = typeof value === 'object' && typeof existing === 'object' ? mergeInto({ ...existing }, value) : value
  }
  return target
}

export const messages: Record<string, Messages> = {}
for (const [path, content] of Object.entries(files)) {
  const language = path.split('/').at(-2)!
  messages[language] = mergeInto(messages[language] ?? {}, content)
}

/** The header's order: German (the default) and English first, then the other languages. */
export const SUPPORTED_LANGUAGES = Object.keys(messages).sort((a, b) => languageRank(a) - languageRank(b) || a.localeCompare(b))

function languageRank(language: string): number {
  return ['de', 'en'].includes(language) ? ['de', 'en'].indexOf(language) : 2
}

/**
 * A key a language lacks shows in English, then German. Turkish and Ukrainian have every student
 * page (tests/unit/locales/locale-keys.test.ts); the leaders' pages (admin*) exist only in German
 * and English, so with Türkçe or Українська chosen they show in English.
 */
const FALLBACK_LOCALES = { de: ['en'], default: ['en', 'de'] }

interface MessageTarget { global: { mergeLocaleMessage: (language: string, words: Messages) => void } }
// Per i18n instance: on the server every request renders with its own.
const leaderMessagesLoaded = new WeakMap<MessageTarget, Promise<void>>()

/** Adds the leaders' pages' words to this app's messages, once. */
export function loadLeaderMessages(i18n: MessageTarget): Promise<void> {
  let loaded = leaderMessagesLoaded.get(i18n)
  if (!loaded) {
    loaded = Promise.all(Object.entries(leaderFiles).map(async ([path, load]) => {
      i18n.global.mergeLocaleMessage(path.split('/').at(-2)!, await load())
    })).then(() => {})
    leaderMessagesLoaded.set(i18n, loaded)
  }
  return loaded
}

export default defineNuxtPlugin((nuxtApp) => {
  const cookie = useLanguageCookie()
  const locale = cookie.value && messages[cookie.value] ? cookie.value : 'de'
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: FALLBACK_LOCALES, messages, missingWarn: false, fallbackWarn: false })
  nuxtApp.vueApp.use(i18n)
  useHead({ htmlAttrs: { lang: locale } })
  return { provide: { i18n } }
})
