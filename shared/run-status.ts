// Plain constants with no zod, so pages can use them without shipping the schema library.

export const STAGE_NAMES = ['input_safety', 'interception', 'pre_output', 'generation'] as const
export type StageName = typeof STAGE_NAMES[number]

export const RUN_STATUSES = ['queued', 'running', 'awaiting_output', 'completed', 'blocked', 'failed', 'cancelled'] as const
export type RunStatus = typeof RUN_STATUSES[number]

/** A run in one of these states never changes again by itself. */
export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'blocked', 'failed', 'cancelled']
export const isFinalStatus = (status: RunStatus) => FINAL_STATUSES.includes(status)
