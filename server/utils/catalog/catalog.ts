import type { MediaType } from '#shared/schemas/common'
import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'
import type { CatalogProblem } from './load-catalog'

/** Which outputs students may use now (their provider is configured) and which one a media type stands for. */
export interface OutputChoices {
  available(output: OutputConfig): boolean
  preferred(mediaType: MediaType): string | undefined
}

const EVERY_OUTPUT: OutputChoices = { available: () => true, preferred: () => undefined }

/** What students choose from, loaded from data files: perspectives and output configs. */
export class Catalog {
  private perspectivesById: Map<string, Perspective>
  private outputsById: Map<string, OutputConfig>

  constructor(
    readonly perspectives: Perspective[],
    readonly outputs: OutputConfig[],
    readonly problems: CatalogProblem[],
    private choices: OutputChoices = EVERY_OUTPUT,
  ) {
    this.perspectivesById = new Map(perspectives.map(item => [item.id, item]))
    this.outputsById = new Map(outputs.map(item => [item.id, item]))
  }

  perspective(id: string): Perspective | undefined {
    return this.perspectivesById.get(id)
  }

  /** Accepts an output config id, or a media type that stands for its default config (one that takes `pictures` pictures). */
  output(idOrMediaType: string, pictures = 0): OutputConfig | undefined {
    return this.outputsById.get(idOrMediaType) ?? this.defaultOutput(idOrMediaType as MediaType, pictures)
  }

  /** The outputs offered to students: those whose provider is configured. */
  availableOutputs(): OutputConfig[] {
    return this.outputs.filter(output => this.choices.available(output))
  }

  isAvailable(output: OutputConfig): boolean {
    return this.choices.available(output)
  }

  /** The settings' choice, else the `default: true` one, else the first, each only if available; an unavailable one only when nothing is. */
  defaultOutput(type: MediaType, pictures = 0): OutputConfig | undefined {
    // A run with pictures stands only for outputs that take them; the others are not offered to it.
    const ofType = this.outputs.filter(output => output.media_type === type && output.max_pictures >= pictures)
    const usable = ofType.filter(output => this.choices.available(output))
    const preferred = this.choices.preferred(type)
    return usable.find(output => output.id === preferred) ?? usable.find(output => output.default) ?? usable[0]
      ?? ofType.find(output => output.default) ?? ofType[0]
  }
}
