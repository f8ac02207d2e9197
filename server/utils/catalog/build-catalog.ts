import { OutputConfig } from '#shared/schemas/output'
import { hasMedium, mediumOf } from '../../../media/server-registry'
import { Perspective } from '#shared/schemas/perspective'
import { Catalog, type OutputChoices } from './catalog'
import { type CatalogProblem, type CatalogSource, loadCatalog } from './load-catalog'

/** An output whose medium exists here and whose parameters are the ones its medium takes (media/<type>/server.ts). */
const OutputOfKnownMedium = OutputConfig.superRefine((output, context) => {
  if (!hasMedium(output.media_type)) {
    context.addIssue({ code: 'custom', path: ['media_type'], message: `this server cannot make ${output.media_type} yet (no media/${output.media_type}/server.ts)` })
    return
  }
  for (const issue of mediumOf(output.media_type).parameters.safeParse(output.parameters).error?.issues ?? []) {
    context.addIssue({ code: 'custom', path: ['parameters', ...issue.path.map(String)], message: issue.message })
  }
})

/** Shipped files first, the school's after them, so a school file replaces a shipped one by id. */
export interface CatalogSources {
  perspectives: CatalogSource[]
  outputs: CatalogSource[]
}

/** Outputs whose provider is not configured stay in the catalog (a leader may configure it later); `choices` decides what students are offered. */
export function buildCatalog(sources: CatalogSources, choices?: OutputChoices): Catalog {
  const perspectives = loadCatalog(Perspective, sources.perspectives)
  const outputs = loadCatalog(OutputOfKnownMedium, sources.outputs)
  const problems: CatalogProblem[] = [...perspectives.problems, ...outputs.problems]
  return new Catalog(perspectives.items, outputs.items, problems, choices)
}
