import { z } from 'zod'
import { LocalizedText, Slug } from './common'

/** A big chip the child may tap instead of typing. */
export const ReflectionChip = z.object({ id: Slug, label: LocalizedText })
export type ReflectionChip = z.infer<typeof ReflectionChip>

/**
 * A question shown after a result that invites the child to compare idea, rules and result.
 * `{perspective}` in the text becomes the perspective's name.
 */
export const ReflectionQuestion = z.object({
  id: Slug,
  question: LocalizedText,
  chips: z.array(ReflectionChip).min(2).max(6),
})
export type ReflectionQuestion = z.infer<typeof ReflectionQuestion>

/** A perspective asks two or three of its own, or the shared set (shared/reflection-questions.ts). */
export const ReflectionQuestions = z.array(ReflectionQuestion).min(2).max(3)
