import type { Perspective } from '#shared/schemas/perspective'
import type { RunMetadata } from '#shared/schemas/run'

const normalised = (text: string) => text.replace(/\s+/gu, ' ').trim().toLocaleLowerCase()

/**
 * The student's rules as the run keeps them: null when they are the perspective's own rules word
 * for word (in any language), because then nothing was changed and the perspective's rules apply.
 */
export function studentRulesFor(perspective: Perspective, rules: string | undefined | null): string | null {
  const text = rules?.trim()
  if (!text) return null
  if (perspective.student_rules) return text
  const own = Object.values(perspective.rules ?? {}).filter((value): value is string => typeof value === 'string')
  return own.some(value => normalised(value) === normalised(text)) ? null : text
}

/**
 * What the interception gets: a perspective whose rules the student always writes (user_defined)
 * takes them as its context, as before; any other takes changed rules as `rules`.
 */
export function interceptionRulesOf(run: Pick<RunMetadata, 'context' | 'rules'>, perspective: Perspective): { context: string | null, rules: string | null } {
  if (perspective.student_rules) return { context: run.rules ?? run.context, rules: null }
  return { context: run.context, rules: run.rules }
}
