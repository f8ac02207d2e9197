import { z } from 'zod'

/** Interface and idea languages: German (the default), English, Turkish, Ukrainian. */
export const LANGUAGES = ['de', 'en', 'tr', 'uk'] as const
export const Language = z.enum(LANGUAGES)
export type Language = z.infer<typeof Language>

/**
 * Text a child reads. German and English are required; Turkish and Ukrainian are written for every
 * shipped perspective and output (a unit test holds that), but data from elsewhere (an older run,
 * a leader's own perspective) may lack them: `localize` then shows the English text.
 */
export const LocalizedText = z.object({
  de: z.string().min(1),
  en: z.string().min(1),
  tr: z.string().min(1).optional(),
  uk: z.string().min(1).optional(),
})
export type LocalizedText = z.infer<typeof LocalizedText>

/** The text in this language, else English (the one language every reader of tr/uk is likelier to read than German). */
export function localize(text: LocalizedText, language: Language | string): string {
  return (text as Record<string, string | undefined>)[language] ?? text.en
}

/** Strictest first: a request may move a run towards the front of this list, never back. */
export const SAFETY_LEVELS = ['kids', 'youth', 'adult', 'research'] as const
export const SafetyLevel = z.enum(SAFETY_LEVELS)
export type SafetyLevel = z.infer<typeof SafetyLevel>

export function stricterSafetyLevel(a: SafetyLevel, b: SafetyLevel): SafetyLevel {
  return SAFETY_LEVELS.indexOf(a) <= SAFETY_LEVELS.indexOf(b) ? a : b
}

/** Each has its folder under media/ (server.ts, Viewer.vue); code and model (3D) come from their own branches. */
export const MEDIA_TYPES = ['image', 'audio', 'video', 'code', 'model'] as const
export const MediaType = z.enum(MEDIA_TYPES)
export type MediaType = z.infer<typeof MediaType>

/** Lower-case ids with digits and underscores: safe in file names, URLs and CSS. */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9_]{0,63}$/, 'must be lower-case letters, digits and underscores')

/** Each language's own name for itself, as the language switch offers it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { de: 'Deutsch', en: 'English', tr: 'Türkçe', uk: 'Українська' }
