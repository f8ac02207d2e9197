import { z } from 'zod'

/**
 * Score limits of one level: a picture whose score for a class (nsfwjs: `porn`, `hentai`, `sexy`;
 * a vision model's own categories) is at or above its limit is withheld. Classes not named never block.
 */
export const ImageLimits = z.record(z.string().min(1).max(60), z.number().min(0).max(1))
  .refine(limits => Object.keys(limits).length > 0, 'name at least one class and its limit')
export type ImageLimits = z.infer<typeof ImageLimits>

/**
 * `<content dir>/image_check/thresholds.json`: limits per safety level. Kids and youth are always
 * checked (a school may tighten or loosen their limits, never switch them off); `null` at adult or
 * research records the stage as skipped. A school's file replaces the levels it names.
 */
export const ImageThresholds = z.object({
  kids: ImageLimits,
  youth: ImageLimits,
  adult: ImageLimits.nullable(),
  research: ImageLimits.nullable(),
}).strict()
export type ImageThresholds = z.infer<typeof ImageThresholds>

export const SchoolImageThresholds = ImageThresholds.partial().strict()
