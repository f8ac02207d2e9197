import { z } from 'zod'
import { SafetyLevel } from './common'

/**
 * A list of terms that block a run at the given levels. `severe` lists are also matched
 * fuzzily, so a misspelling cannot slip past them.
 */
export const SafetyTermList = z.object({
  id: z.string().min(1),
  reason_code: z.string().regex(/^[a-z_]+$/),
  levels: z.array(SafetyLevel).min(1),
  severe: z.boolean().default(false),
  terms: z.array(z.string().min(2)).min(1),
})
export type SafetyTermList = z.infer<typeof SafetyTermList>
