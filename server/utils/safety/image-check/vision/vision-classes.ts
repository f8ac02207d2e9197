import sharp from '../../../media/sharp'

/**
 * The classes a vision model scores, named as OpenAI's moderation endpoint names its categories
 * for pictures, so one set of limits in thresholds.json serves both kinds of vision backend.
 * `hate` (symbols) and `horror` are asked of a vision language model only: the moderation
 * endpoint scores them from text, so for a picture they stay 0 there.
 */
export const VISION_CLASSES = ['sexual', 'sexual/minors', 'violence', 'violence/graphic', 'self-harm', 'hate', 'horror'] as const
export type VisionClass = typeof VISION_CLASSES[number]

/** Long enough to see what is shown, small enough for a school's upload and the model's context. */
const LONGEST_SIDE = 768

/** The picture as a vision backend receives it: at most 768 px, PNG, base64. */
export async function pictureForVision(image: Buffer): Promise<string> {
  const scaled = await sharp(image).resize(LONGEST_SIDE, LONGEST_SIDE, { fit: 'inside', withoutEnlargement: true }).png().toBuffer()
  return scaled.toString('base64')
}

/** Scores as numbers from 0 to 1 for every class; anything else is a broken answer. */
export function visionScores(answer: Record<string, unknown>, say: (problem: string) => Error): Record<VisionClass, number> {
  const scores = {} as Record<VisionClass, number>
  for (const name of VISION_CLASSES) {
    const value = answer[name]
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) throw say(`no score from 0 to 1 for "${name}"`)
    scores[name] = value
  }
  return scores
}
