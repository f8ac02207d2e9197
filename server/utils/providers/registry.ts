import type { ImageClassifier } from '../safety/image-check/image-classifier'
import type { GenerationProvider, InterceptionProvider, SafetyProvider, TranslationProvider } from './types'

/** Which provider does each stage's work. Generation is chosen per output config. */
export interface ProviderRegistry {
  inputSafety: SafetyProvider
  interception: InterceptionProvider
  translation: TranslationProvider
  preOutputSafety: SafetyProvider
  generators: Map<string, GenerationProvider>
  /** A configured vision model that looks at every picture beside the offline classifier. */
  imageSafety: ImageClassifier | null
}
