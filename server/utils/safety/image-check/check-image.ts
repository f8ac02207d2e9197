import type { SafetyLevel } from '#shared/schemas/common'
import type { ImageThresholds } from '#shared/schemas/image-check'
import type { ImageClassifier } from './image-classifier'
import { type ClassOverLimit, classesOverLimit } from './image-verdict'

/** What one classifier said about the picture, for the run's research record. */
export interface ClassifierReport {
  provider: string
  model: string
  duration_ms: number
  scores: Record<string, number> | null
  over_limit: ClassOverLimit[]
  /** Why it could not look; the picture is then withheld. */
  error: string | null
}

export type ImageVerdict =
  | { outcome: 'passed', reports: ClassifierReport[] }
  | { outcome: 'blocked', reason_code: 'image_unsafe', reports: ClassifierReport[] }
  /** A classifier could not look: the picture is withheld (fail closed). */
  | { outcome: 'unavailable', reason_code: 'safety_unavailable', error: string, reports: ClassifierReport[] }
  | { outcome: 'skipped', reason: string, reports: [] }

export interface ImageCheck {
  readonly classifiers: ImageClassifier[]
  readonly thresholds: ImageThresholds
}

/**
 * The picture check of a run's level, used for generated pictures and (later) uploads: every
 * classifier looks, each against the level's limits. Any score over a limit blocks; any
 * classifier that cannot look withholds the picture. A level without limits is skipped.
 */
export async function checkImage(image: Buffer, level: SafetyLevel, check: ImageCheck, signal?: AbortSignal): Promise<ImageVerdict> {
  const limits = check.thresholds[level]
  if (!limits) return { outcome: 'skipped', reason: `pictures are not checked at the ${level} level`, reports: [] }
  if (check.classifiers.length === 0) {
    return { outcome: 'unavailable', reason_code: 'safety_unavailable', error: 'no image classifier is configured', reports: [] }
  }
  const reports = await Promise.all(check.classifiers.map(async (classifier): Promise<ClassifierReport> => {
    const started = Date.now()
    const report = { provider: classifier.id, model: classifier.model }
    try {
      const scores = await classifier.scores(image, signal)
      return { ...report, duration_ms: Date.now() - started, scores, over_limit: classesOverLimit(scores, limits), error: null }
    }
    catch (error) {
      return { ...report, duration_ms: Date.now() - started, scores: null, over_limit: [], error: error instanceof Error ? error.message : String(error) }
    }
  }))
  const failed = reports.find(report => report.error !== null)
  if (failed) return { outcome: 'unavailable', reason_code: 'safety_unavailable', error: `${failed.provider} (${failed.model}): ${failed.error}`, reports }
  if (reports.some(report => report.over_limit.length > 0)) return { outcome: 'blocked', reason_code: 'image_unsafe', reports }
  return { outcome: 'passed', reports }
}

/**
 * Several pictures of one output (a video's sampled frames and poster) checked one after another:
 * the first that is not passed decides; none at all is withheld, as nothing was seen.
 */
export async function checkPictures(pictures: Buffer[], level: SafetyLevel, check: ImageCheck, signal?: AbortSignal): Promise<ImageVerdict> {
  if (!check.thresholds[level]) return { outcome: 'skipped', reason: `pictures are not checked at the ${level} level`, reports: [] }
  if (pictures.length === 0) return { outcome: 'unavailable', reason_code: 'safety_unavailable', error: 'no picture could be taken from the output to check', reports: [] }
  const reports: ClassifierReport[] = []
  for (const picture of pictures) {
    signal?.throwIfAborted()
    const verdict = await checkImage(picture, level, check, signal)
    reports.push(...verdict.reports)
    if (verdict.outcome !== 'passed') return { ...verdict, reports } as ImageVerdict
  }
  return { outcome: 'passed', reports }
}
