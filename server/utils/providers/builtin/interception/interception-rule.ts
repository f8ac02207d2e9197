import type { RuleLanguage } from './text-tools'
import type { Perspective } from '#shared/schemas/perspective'

/** What every rule gets: the student's idea, its language and a seeded source of chance. */
export interface InterceptionRequest {
  idea: string
  language: RuleLanguage
  perspective: Perspective
  /** The student's own rules (user_defined) or extra context. */
  context: string | null
  /** Same seed, same idea → same sequence, so a run can be repeated exactly. */
  random: () => number
  /** The gentlest variant the rule has: asked for when its usual variants failed the safety check. */
  gentle?: boolean
}

/** Returns the transformed idea in the same language as the input. */
export type InterceptionRule = (request: InterceptionRequest) => string
