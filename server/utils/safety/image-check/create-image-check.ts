import type { ImageCheck } from './check-image'
import type { ImageClassifier } from './image-classifier'
import { loadImageThresholds } from './load-thresholds'
import { bundledModelDir } from './nsfw-model-files'
import { NsfwClassifier } from './nsfw-classifier'

/**
 * The picture check as the settings say: the classifier from `modelDir` (default: the model inside
 * the nsfwjs package), the vision model a leader assigned to `image_safety` now (read at every
 * picture, so a change in the providers page counts at once) and the limits from the content dir.
 * The offline model starts loading now, in the background, so the first picture does not wait for
 * it; a failed load is logged and retried then.
 */
export async function createImageCheck(options: { contentDir: string, modelDir: string, visionModel?: () => ImageClassifier | null }): Promise<ImageCheck> {
  const { thresholds, problems } = await loadImageThresholds(options.contentDir)
  for (const problem of problems) console.warn(`[content] ${problem}`)
  const classifier = new NsfwClassifier(options.modelDir || bundledModelDir())
  const started = Date.now()
  classifier.load().then(
    () => console.info(`[image-check] ${classifier.id} ${classifier.model} loaded in ${Date.now() - started} ms`),
    (error: Error) => console.error(`[image-check] ${error.message}; pictures are withheld until it loads`),
  )
  return {
    thresholds,
    get classifiers() {
      const vision = options.visionModel?.()
      return vision ? [classifier, vision] : [classifier]
    },
  }
}
