// Languages as plain values: pages import them from here, so their first load ships no zod
// (shared/schemas/common.ts builds the Language enum and LocalizedText schema from them).

/** Interface and idea languages: German (the default), English, Turkish, Ukrainian. */
export const LANGUAGES = ['de', 'en', 'tr', 'uk'] as const
export type Language = typeof LANGUAGES[number]

/** Each language's own name for itself, as the language switch offers it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { de: 'Deutsch', en: 'English', tr: 'Türkçe', uk: 'Українська' }

/** A text a child reads, in every language it was written in (German and English at least). */
export interface LocalizedTextValue { de: string, en: string, tr?: string, uk?: string }

/** The text in this language, else English (the one language every reader of tr/uk is likelier to read than German). */
export function localize(text: LocalizedTextValue, language: Language | string): string {
  return (text as unknown as Record<string, string | undefined>)[language] ?? text.en
}
