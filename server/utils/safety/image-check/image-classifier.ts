import type { ProviderIdentity } from '../../providers/types'

/** One way to look at a picture: the offline classifier, or a configured vision model. */
export interface ImageClassifier extends ProviderIdentity {
  /** A score from 0 to 1 per class the classifier knows; throws when it cannot look. */
  scores(image: Buffer, signal?: AbortSignal): Promise<Record<string, number>>
}
