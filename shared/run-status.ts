// Plain constants with no zod, so pages can use them without shipping the schema library.

/**
 * In the order a run passes them. Every text a child sees or a backend receives, and every picture,
 * has a check stage before it: the idea (input_safety), personal data before anything leaves the
 * building (personal_data), the transformed text before it is shown (interception_safety), the
 * generation prompt (pre_output) and the generated media (output_safety).
 */
export const STAGE_NAMES = ['input_safety', 'personal_data', 'interception', 'interception_safety', 'pre_output', 'generation', 'output_safety'] as const
export type StageName = typeof STAGE_NAMES[number]

export const RUN_STATUSES = ['queued', 'running', 'awaiting_output', 'completed', 'blocked', 'failed', 'cancelled'] as const
export type RunStatus = typeof RUN_STATUSES[number]

/** A run in one of these states never changes again by itself. */
export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'blocked', 'failed', 'cancelled']
export const isFinalStatus = (status: RunStatus) => FINAL_STATUSES.includes(status)

/** The checks a child is shown as passed on the run page, each the stage that does it. */
export const RUN_CHECK_STAGES = {
  idea: 'input_safety',
  transformation: 'interception_safety',
  prompt: 'pre_output',
  picture: 'output_safety',
} as const satisfies Record<string, StageName>
export type RunCheck = keyof typeof RUN_CHECK_STAGES
export const RUN_CHECKS = Object.keys(RUN_CHECK_STAGES) as RunCheck[]
