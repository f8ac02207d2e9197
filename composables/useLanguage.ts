import { useI18n } from 'vue-i18n'
import { type Language, LANGUAGES, localize } from '#shared/languages'
import type { LocalizedText } from '#shared/schemas/common'
import { SUPPORTED_LANGUAGES } from '~/plugins/i18n'
import { useLanguageCookie } from './useLanguageCookie'

/** The UI language: switching it updates the texts, the cookie and <html lang>. */
export function useLanguage() {
  const { locale } = useI18n()
  const cookie = useLanguageCookie()
  const language = computed<string>({
    get: () => locale.value,
    set: (value) => {
      locale.value = value
      cookie.value = value
      useHead({ htmlAttrs: { lang: value } })
    },
  })
  /** Texts from data files (perspectives, messages): a text missing in this language shows in English (common.ts). */
  const localized = (text: LocalizedText | undefined) => (text ? localize(text, language.value) : '')
  /** The language the idea and the API speak: the UI language, German when the UI speaks one the API does not know. */
  const contentLanguage = computed<Language>(() => ((LANGUAGES as readonly string[]).includes(language.value) ? language.value as Language : 'de'))
  return { language, languages: SUPPORTED_LANGUAGES, localized, contentLanguage }
}
