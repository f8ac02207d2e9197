import type { OutputConfig } from '#shared/schemas/output'
import { BackendError } from '../backends/backend-error'
import { fillPlaceholders } from '../fill-placeholders'
import type { PicturePlaceholder } from '../picture-placeholders'
import type { GenerationInput } from '../types'

/** An API-format workflow ("Export (API)"): node id → { class_type, inputs }. */
export type ComfyuiWorkflow = Record<string, { class_type: string, inputs: Record<string, unknown>, _meta?: unknown }>

export type WorkflowValues = {
  prompt: string
  negative_prompt: string
  seed: number
  width: number
  height: number
  steps: number
  cfg: number
  /** A song's words and its style tags as one comma-separated line ("pop, happy, piano"); empty for other media. */
  lyrics: string
  tags: string
  duration_s: number
}

const DEFAULTS = { negative_prompt: '', width: 1024, height: 1024, steps: 25, cfg: 5.5, duration_s: 30 }

/** The values the placeholders stand for: the prompt and seed of the run, the rest from the output config. */
export function workflowValues(output: OutputConfig, prompt: string, seed: number, music?: GenerationInput['music']): WorkflowValues {
  const parameters = output.parameters
  return {
    prompt,
    seed,
    negative_prompt: typeof parameters.negative_prompt === 'string' ? parameters.negative_prompt : DEFAULTS.negative_prompt,
    width: parameters.width ?? DEFAULTS.width,
    height: parameters.height ?? DEFAULTS.height,
    steps: parameters.steps ?? DEFAULTS.steps,
    cfg: parameters.cfg ?? DEFAULTS.cfg,
    lyrics: music?.lyrics ?? '',
    tags: music?.tags.join(', ') ?? '',
    duration_s: parameters.duration_s ?? DEFAULTS.duration_s,
  }
}

/** The output's stored workflow, checked enough to send: every node has a class_type and inputs. */
export function storedWorkflow(output: OutputConfig): ComfyuiWorkflow {
  const workflow = output.parameters.workflow
  if (!workflow || typeof workflow !== 'object' || Array.isArray(workflow)) {
    throw new BackendError('rejected', `output ${output.id} has no ComfyUI workflow: put the "Export (API)" JSON into parameters.workflow`)
  }
  for (const [id, node] of Object.entries(workflow)) {
    const candidate = node as { class_type?: unknown, inputs?: unknown }
    if (!candidate || typeof candidate.class_type !== 'string' || !candidate.inputs || typeof candidate.inputs !== 'object') {
      throw new BackendError('rejected', `output ${output.id}: workflow node ${id} has no class_type and inputs (was it exported with "Export (API)"?)`)
    }
  }
  return workflow as ComfyuiWorkflow
}

/**
 * Replaces the placeholder strings ("{{prompt}}", "{{seed}}", "{{image}}"…) wherever they are a whole value;
 * number placeholders become numbers. The stored workflow is left as it was.
 */
export function fillWorkflow(workflow: ComfyuiWorkflow, values: WorkflowValues & Partial<Record<PicturePlaceholder, string>>): ComfyuiWorkflow {
  return fillPlaceholders(workflow, values) as ComfyuiWorkflow
}
