import type { ImageCheck } from '../../server/utils/safety/image-check/check-image'
import { PersonalDataDetector } from '../../server/utils/safety/personal-data/personal-data-detector'

/** A picture check whose one classifier finds nothing: for pipeline tests about other stages. */
export const passingImageCheck: ImageCheck = {
  classifiers: [{ id: 'fake_classifier', model: 'm', scores: async () => ({ porn: 0 }) }],
  thresholds: { kids: { porn: 0.5 }, youth: { porn: 0.5 }, adult: null, research: null },
}

/** A personal-data detector with no name lists: finds only e-mail, phone and address shapes. */
export const withoutNameLists = () => new PersonalDataDetector([])
