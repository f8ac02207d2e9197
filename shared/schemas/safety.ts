import { z } from 'zod'
import { SafetyLevel } from './common'

const Term = z.string().min(1)

/**
 * Words of ordinary language that are harmful only together: a harm verb with a person
 * ("soldier shooting kids"), a group with a dehumanising predicate ("juden sind böse"), a name
 * with an insult ("lena ist fett"). Each slot is a list of terms (same syntax as `terms`) or
 * "@group"; the pattern matches when every slot has a word within `within` words of the others,
 * in any order. `fuzzy` (in a severe list) lets misspellings of the slots' words count too.
 * `unless_after`: words that take the harm away when they stand before the first slot's word within
 * `within` words ("niemand wird … verletzt", "nobody gets hurt"); single terms still match.
 */
export const SafetyPattern = z.object({
  all: z.array(z.array(Term).min(1)).min(2),
  within: z.number().int().min(1).max(20).default(5),
  fuzzy: z.boolean().default(false),
  unless_after: z.array(Term).default([]),
})
export type SafetyPattern = z.infer<typeof SafetyPattern>

/**
 * A list of terms that block a run at the given levels. `severe` lists are also matched
 * fuzzily, so a misspelling cannot slip past them. `allow` names harmless phrases whose words
 * this list never matches ("water gun", "blood orange"); `alone` terms block only when the idea
 * consists of nothing else (a bare "88" is a Nazi code, "88 Luftballons" is a song).
 */
export const SafetyTermList = z.object({
  id: z.string().min(1),
  reason_code: z.string().regex(/^[a-z_]+$/),
  levels: z.array(SafetyLevel).min(1),
  severe: z.boolean().default(false),
  /** Where the words come from and under which licence, for lists that fold in others' work. */
  source: z.string().optional(),
  terms: z.array(Term).default([]),
  allow: z.array(z.string().min(2)).default([]),
  alone: z.array(Term).default([]),
  groups: z.record(z.string().regex(/^[a-z_]+$/), z.array(Term).min(1)).default({}),
  patterns: z.array(SafetyPattern).default([]),
}).refine(list => list.terms.length + list.alone.length + list.patterns.length > 0, { message: 'needs terms, alone terms or patterns' })
export type SafetyTermList = z.infer<typeof SafetyTermList>
/** A list as written in a file or a test, before zod filled in the defaults. */
export type SafetyTermListInput = z.input<typeof SafetyTermList>
