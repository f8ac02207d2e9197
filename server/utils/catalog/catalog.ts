import type { MediaType } from '#shared/schemas/common'
import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'
import type { CatalogProblem } from './load-catalog'

/** What students choose from, loaded from data files: perspectives and output configs. */
export class Catalog {
  private perspectivesById: Map<string, Perspective>
  private outputsById: Map<string, OutputConfig>

  constructor(
    readonly perspectives: Perspective[],
    readonly outputs: OutputConfig[],
    readonly problems: CatalogProblem[],
  ) {
    this.perspectivesById = new Map(perspectives.map(item => [item.id, item]))
    this.outputsById = new Map(outputs.map(item => [item.id, item]))
  }

  perspective(id: string): Perspective | undefined {
    return this.perspectivesById.get(id)
  }

  /** Accepts an output config id, or a media type that stands for its default config. */
  output(idOrMediaType: string): OutputConfig | undefined {
    return this.outputsById.get(idOrMediaType) ?? this.defaultOutput(idOrMediaType as MediaType)
  }

  private defaultOutput(type: MediaType): OutputConfig | undefined {
    const ofType = this.outputs.filter(output => output.media_type === type)
    return ofType.find(output => output.default) ?? ofType[0]
  }
}
