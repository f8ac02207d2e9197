import type { ImageLimits } from '#shared/schemas/image-check'

export interface ClassOverLimit { name: string, score: number, limit: number }

/** The classes whose score is at or above the level's limit; none means the picture passes. */
export function classesOverLimit(scores: Record<string, number>, limits: ImageLimits): ClassOverLimit[] {
  return Object.entries(limits)
    .filter(([name, limit]) => scores[name] !== undefined && scores[name] >= limit)
    .map(([name, limit]) => ({ name, score: scores[name]!, limit }))
}
