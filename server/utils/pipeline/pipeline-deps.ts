import type { Catalog } from '../catalog/catalog'
import type { ProviderRegistry } from '../providers/registry'
import type { PersonalDataDetector } from '../safety/personal-data/personal-data-detector'
import type { ImageCheck } from '../safety/image-check/check-image'
import type { RunStore } from '../storage/run-store'

/** What the pipeline needs from the application; tests build it from temp folders. */
export interface PipelineDeps {
  runs: RunStore
  catalog: Catalog
  providers: ProviderRegistry
  personalData: PersonalDataDetector
  /** The picture check (output_safety), also for uploads later. */
  imageCheck: ImageCheck
  instanceId: string
  runTimeoutMs: number
  maxRunAttempts: number
}
