import { useI18n } from 'vue-i18n'
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
  /** Texts from data files (perspectives, messages) come in de and en; other UI languages fall back to German. */
  const localized = (text: LocalizedText | undefined) => (text ? (text as Record<string, string>)[language.value] ?? text.de : '')
  /** The language the idea and the API speak: de or en. */
  const contentLanguage = computed<'de' | 'en'>(() => (language.value === 'en' ? 'en' : 'de'))
  return { language, languages: SUPPORTED_LANGUAGES, localized, contentLanguage }
}
