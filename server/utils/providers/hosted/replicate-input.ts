import type { OutputConfig } from '#shared/schemas/output'
import { fillPlaceholders } from '../fill-placeholders'
import type { GenerationInput } from '../types'

/** Where a prediction is created: official models by name, any model by `owner/name:version`. */
export interface ReplicateTarget {
  path: string
  /** `owner/name` when the output names no version: a community model needs its latest one looked up. */
  model: string | null
  body: (input: Record<string, unknown>) => Record<string, unknown>
}

export function replicateTarget(model: string | undefined): ReplicateTarget | null {
  const match = /^([\w.-]+)\/([\w.-]+)(?::([0-9a-f]{8,}))?$/i.exec(model ?? '')
  if (!match) return null
  const [, owner, name, version] = match
  if (version) return { path: '/predictions', model: null, body: input => ({ version, input }) }
  return { path: `/models/${owner}/${name}/predictions`, model: `${owner}/${name}`, body: input => ({ input }) }
}

/**
 * The model's input from `parameters.input`, with the whole-string placeholders `"{{prompt}}"`,
 * `"{{negative_prompt}}"`, `"{{seed}}"`, `"{{width}}"`, `"{{height}}"`, `"{{steps}}"`, `"{{cfg}}"`,
 * `"{{duration_s}}"` (and for songs `"{{lyrics}}"`, `"{{tags}}"`; for the run's pictures `"{{image}}"`,
 * `"{{image_2}}"`, `"{{image_3}}"`, as `pictures` gives them) replaced; without it, `{prompt, seed}`.
 */
export function replicateInput(output: OutputConfig, prompt: string, seed: number, music?: GenerationInput['music'], pictures: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const { parameters } = output
  const values: Record<string, unknown> = {
    ...pictures,
    prompt, seed, lyrics: music?.lyrics, tags: music?.tags.join(', '),
    negative_prompt: typeof parameters.negative_prompt === 'string' ? parameters.negative_prompt : '',
    width: parameters.width, height: parameters.height, steps: parameters.steps, cfg: parameters.cfg, duration_s: parameters.duration_s,
  }
  const template = parameters.input
  if (!template || typeof template !== 'object' || Array.isArray(template)) return { prompt, seed }
  // A placeholder whose parameter is not set (no width in the output) is left out, not sent as null.
  return Object.fromEntries(Object.entries(fillPlaceholders(template, values) as Record<string, unknown>).filter(([, value]) => value !== undefined))
}

/** Step progress from tqdm lines in the logs ("  50%|█████     | 2/4 [..."); null when there are none. */
export function progressFromLogs(logs: string | null | undefined): { value: number, max: number } | null {
  if (!logs) return null
  const lines = logs.split(/[\n\r]/).reverse()
  for (const line of lines) {
    const steps = /(\d{1,3})%\|[^|]*\|\s*(\d+)\/(\d+)/.exec(line)
    if (steps && Number(steps[3]) > 0) return { value: Math.min(Number(steps[2]), Number(steps[3])), max: Number(steps[3]) }
    const percent = /(\d{1,3})%\|/.exec(line)
    if (percent) return { value: Math.min(100, Number(percent[1])), max: 100 }
  }
  return null
}
