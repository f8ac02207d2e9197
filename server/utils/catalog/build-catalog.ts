import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import { Catalog, type OutputChoices } from './catalog'
import { type CatalogProblem, type CatalogSource, loadCatalog } from './load-catalog'

/** Shipped files first, the school's after them, so a school file replaces a shipped one by id. */
export interface CatalogSources {
  perspectives: CatalogSource[]
  outputs: CatalogSource[]
}

/** Outputs whose provider is not configured stay in the catalog (a leader may configure it later); `choices` decides what students are offered. */
export function buildCatalog(sources: CatalogSources, choices?: OutputChoices): Catalog {
  const perspectives = loadCatalog(Perspective, sources.perspectives)
  const outputs = loadCatalog(OutputConfig, sources.outputs)
  const problems: CatalogProblem[] = [...perspectives.problems, ...outputs.problems]
  return new Catalog(perspectives.items, outputs.items, problems, choices)
}
