import type { Catalog } from '../catalog/catalog'
import type { ProviderRegistry } from '../providers/registry'
import type { RunStore } from '../storage/run-store'

/** What the pipeline needs from the application; tests build it from temp folders. */
export interface PipelineDeps {
  runs: RunStore
  catalog: Catalog
  providers: ProviderRegistry
  instanceId: string
  runTimeoutMs: number
  maxRunAttempts: number
}
