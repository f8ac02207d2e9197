import type { Catalog } from '../catalog/catalog'
import type { ProviderRegistry } from '../providers/registry'
import type { PersonalDataDetector } from '../safety/personal-data/personal-data-detector'
import type { RunStore } from '../storage/run-store'

/** What the pipeline needs from the application; tests build it from temp folders. */
export interface PipelineDeps {
  runs: RunStore
  catalog: Catalog
  providers: ProviderRegistry
  personalData: PersonalDataDetector
  instanceId: string
  runTimeoutMs: number
  maxRunAttempts: number
}
