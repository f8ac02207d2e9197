import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import { Catalog } from './catalog'
import { type CatalogProblem, type CatalogSource, loadCatalog } from './load-catalog'

/** Shipped files first, the school's after them, so a school file replaces a shipped one by id. */
export interface CatalogSources {
  perspectives: CatalogSource[]
  outputs: CatalogSource[]
}

export function buildCatalog(sources: CatalogSources, generatorIds: Set<string>): Catalog {
  const perspectives = loadCatalog(Perspective, sources.perspectives)
  const outputs = loadCatalog(OutputConfig, sources.outputs)
  const problems: CatalogProblem[] = [...perspectives.problems, ...outputs.problems]
  const usableOutputs = outputs.items.filter((output) => {
    if (generatorIds.has(output.provider)) return true
    problems.push({ file: `${output.id}.json`, field: 'provider', message: `no provider "${output.provider}" is configured` })
    return false
  })
  return new Catalog(perspectives.items, usableOutputs, problems)
}
