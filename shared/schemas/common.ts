import { z } from 'zod'
import { LANGUAGES } from '../languages'
import { MEDIA_TYPES } from '../media-types'

export { LANGUAGE_NAMES, LANGUAGES, localize } from '../languages'
export { MEDIA_TYPES } from '../media-types'

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

/** Strictest first: a request may move a run towards the front of this list, never back. */
export const SAFETY_LEVELS = ['kids', 'youth', 'adult', 'research'] as const
export const SafetyLevel = z.enum(SAFETY_LEVELS)
export type SafetyLevel = z.infer<typeof SafetyLevel>

export function stricterSafetyLevel(a: SafetyLevel, b: SafetyLevel): SafetyLevel {
  return SAFETY_LEVELS.indexOf(a) <= SAFETY_LEVELS.indexOf(b) ? a : b
}

export const MediaType = z.enum(MEDIA_TYPES)
export type MediaType = z.infer<typeof MediaType>

/** Lower-case ids with digits and underscores: safe in file names, URLs and CSS. */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9_]{0,63}$/, 'must be lower-case letters, digits and underscores')
