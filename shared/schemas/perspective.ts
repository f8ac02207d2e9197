import { z } from 'zod'
import { PERSPECTIVE_CATEGORIES } from '../perspective-categories'
import { LocalizedText, MediaType, Slug } from './common'
import { ReflectionQuestions } from './reflection'

export { PERSPECTIVE_CATEGORIES } from '../perspective-categories'

/** One interception preset: how the server transforms a student's idea. */
export const Perspective = z.object({
  id: Slug,
  name: LocalizedText,
  description: LocalizedText,
  /** Shown in the detail sheet: what an idea may become. */
  example: z.object({ input: LocalizedText, output: LocalizedText }).optional(),
  category: z.enum(PERSPECTIVE_CATEGORIES),
  /** A single emoji or short symbol shown on the tile. */
  icon: z.string().min(1).max(16),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'),
  /**
   * The perspective's rules in child language (3–5 lines), shown on its sheet and the run page: the
   * student starts from them, changes them or writes their own (a run's `rules`). Required for the
   * shipped perspectives (tests/unit/server/assets/perspectives.test.ts); a school's own may leave them out.
   */
  rules: LocalizedText.optional(),
  /** The meta-prompt a language model follows to transform the idea. */
  instruction: LocalizedText,
  minimum_age: z.number().int().min(0).max(99),
  default_output: MediaType,
  /** The student writes the rules of this perspective (user_defined). */
  student_rules: z.boolean().default(false),
  /** The questions after a result; absent, the shared set asks about this perspective's rules. */
  reflection: ReflectionQuestions.optional(),
})
export type Perspective = z.infer<typeof Perspective>

/** What the student pages get: everything but the language model's instruction. */
export type PerspectiveCard = Omit<Perspective, 'instruction'>
