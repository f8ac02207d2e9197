import type { Language } from '#shared/schemas/common'
import { detectLanguage } from '#shared/detect-language'
import type { TranslationProvider } from '../types'
import { translateGerman } from './translation-german'
import { translateTurkish } from './translation-turkish'
import { translateUkrainian } from './translation-ukrainian'

const TRANSLATORS: Readonly<Record<Exclude<Language, 'en'>, (text: string) => string>> = {
  de: translateGerman,
  tr: translateTurkish,
  uk: translateUkrainian,
}

/**
 * The idea in English through the language's glossary; unknown words stay as they are. A Turkish
 * or Ukrainian run's text may be English already (the built-in rules answer such ideas in English):
 * then it is left alone, because a glossary would only garble it.
 */
export function translateToEnglish(text: string, language: Language): string {
  if (language === 'en') return text
  if (language !== 'de' && detectLanguage(text) === 'en') return text
  return TRANSLATORS[language](text)
}

/** Offline stage 3: German, Turkish and Ukrainian word by word into English through glossaries. */
export class BuiltinTranslationProvider implements TranslationProvider {
  readonly id = 'builtin_translation'
  readonly model = 'glossary-v2'

  async toEnglish(input: { text: string, language: Language, signal?: AbortSignal }): Promise<{ text: string }> {
    input.signal?.throwIfAborted()
    return { text: translateToEnglish(input.text, input.language) }
  }
}
