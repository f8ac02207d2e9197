import { z } from 'zod'

export const PERSONAL_DATA_LIST_KINDS = ['first_names', 'surnames', 'ordinary_words', 'famous'] as const

/**
 * server/assets/personal_data/*.json (and the school's own files): names that count as personal
 * data, first names that are also ordinary words (a name only in context), and famous people,
 * artworks and characters that children may make art about.
 */
export const PersonalDataList = z.object({
  id: z.string().min(1),
  kind: z.enum(PERSONAL_DATA_LIST_KINDS),
  /** Where the entries come from, and under which licence. */
  source: z.string().optional(),
  entries: z.array(z.string().trim().min(2)).min(1),
})
export type PersonalDataList = z.infer<typeof PersonalDataList>

/**
 * What an adult session does with personal data in a text that would leave the building:
 * block the run, or send the text with the personal data replaced by placeholders.
 * Kids and youth runs are always blocked.
 */
export const PERSONAL_DATA_RULES = ['block', 'redact'] as const
export const PersonalDataRule = z.enum(PERSONAL_DATA_RULES)
export type PersonalDataRule = z.infer<typeof PersonalDataRule>
