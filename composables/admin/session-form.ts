import type { SafetyLevel } from '#shared/schemas/common'
import type { PersonalDataRule } from '#shared/schemas/personal-data'
import type { CourseSession, FacesRule, SessionCreate, SessionPatch } from '#shared/schemas/session'

// Same order as SAFETY_LEVELS in #shared/schemas/common, which pages may not import (zod stays on the server).
export const SAFETY_LEVEL_CHOICES: readonly SafetyLevel[] = ['kids', 'youth', 'adult', 'research']

/** What the session form edits; lists are "all" or a chosen subset, limits blank for none. */
export interface SessionForm {
  name: string
  safety_level: SafetyLevel
  all_perspectives: boolean
  perspectives: string[]
  all_outputs: boolean
  outputs: string[]
  /** `v-model.number` leaves '' in an emptied field. */
  runs_per_hour: number | '' | null
  runs_in_progress: number | '' | null
  open: boolean
  archived: boolean
  retention: 'global' | 'forever' | 'days'
  retention_days: number | '' | null
  personal_data: PersonalDataRule
  picture_input: boolean
  faces: FacesRule
}

/** Faces in uploaded pictures are looked for where children take part; the leader picks blur or refuse. */
export const choosesFacesRule = (level: SafetyLevel) => level === 'kids' || level === 'youth'

/** Only adult and research sessions may let redacted texts leave the building; kids and youth always block. */
export const choosesPersonalDataRule = (level: SafetyLevel) => level === 'adult' || level === 'research'

export function sessionFormOf(session?: CourseSession): SessionForm {
  const retention = session?.retention ?? 'global'
  return {
    name: session?.name ?? '',
    safety_level: session?.safety_level ?? 'kids',
    all_perspectives: (session?.perspectives ?? null) === null,
    perspectives: session?.perspectives ?? [],
    all_outputs: (session?.outputs ?? null) === null,
    outputs: session?.outputs ?? [],
    runs_per_hour: session ? session.limits.runs_per_hour : 30,
    runs_in_progress: session ? session.limits.runs_in_progress : 2,
    open: session?.open ?? true,
    archived: session?.archived ?? false,
    retention: typeof retention === 'number' ? 'days' : retention,
    retention_days: typeof retention === 'number' ? retention : 30,
    personal_data: session?.personal_data ?? 'block',
    picture_input: session?.picture_input ?? true,
    faces: session?.faces ?? 'blur',
  }
}

const limitOf = (value: number | '' | null) => (typeof value === 'number' && Number.isFinite(value) ? value : null)

function retentionOf(form: SessionForm): SessionCreate['retention'] {
  if (form.retention !== 'days') return form.retention
  return limitOf(form.retention_days) ?? 'global'
}

export function createBodyOf(form: SessionForm): Partial<SessionCreate> {
  return {
    name: form.name.trim(),
    safety_level: form.safety_level,
    perspectives: form.all_perspectives ? null : [...form.perspectives],
    outputs: form.all_outputs ? null : [...form.outputs],
    limits: { runs_per_hour: limitOf(form.runs_per_hour), runs_in_progress: limitOf(form.runs_in_progress) },
    open: form.open,
    retention: retentionOf(form),
    personal_data: choosesPersonalDataRule(form.safety_level) ? form.personal_data : 'block',
    picture_input: form.picture_input,
    faces: form.faces,
  }
}

export function patchBodyOf(form: SessionForm): SessionPatch {
  return { ...createBodyOf(form), archived: form.archived }
}
