import { z } from 'zod'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../join-code'
import { SafetyLevel, Slug } from './common'
import { PersonalDataRule } from './personal-data'

const Timestamp = z.iso.datetime()

/** The open studio: a session like any other, joined without a code. */
export const STUDIO_SESSION_ID = 'studio'

/** Session ids are short random slugs (or `studio`): safe in keys, file names and URLs. */
export const SessionId = z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/, 'is not a session id')

export const JoinCode = z.string().length(JOIN_CODE_LENGTH)
  .refine(code => [...code].every(char => JOIN_CODE_ALPHABET.includes(char)), `must be ${JOIN_CODE_LENGTH} characters from ${JOIN_CODE_ALPHABET}`)

/** How long a session's runs are kept: the global policy, for ever, or a number of days. */
export const Retention = z.union([z.enum(['global', 'forever']), z.number().int().min(1).max(3650)])
export type Retention = z.infer<typeof Retention>

/** What happens to an uploaded picture with faces at kids and youth: faces blurred, or the picture refused. */
export const FacesRule = z.enum(['blur', 'refuse'])
export type FacesRule = z.infer<typeof FacesRule>

export const SessionLimits = z.object({
  /** Runs one participant may start per rolling hour; null = no limit. */
  runs_per_hour: z.number().int().min(1).max(1000).nullable(),
  /** Runs of one participant that may wait or run at the same time; null = no limit. */
  runs_in_progress: z.number().int().min(1).max(100).nullable(),
})
export type SessionLimits = z.infer<typeof SessionLimits>

/** sessions/<id>.json: one course session, as the course leader configured it. */
export const CourseSession = z.object({
  id: SessionId,
  name: z.string().trim().min(1).max(80),
  /** Null only for the open studio, which students join without a code. */
  join_code: JoinCode.nullable(),
  safety_level: SafetyLevel,
  /** Perspective ids students may choose; null = every perspective. */
  perspectives: z.array(Slug).nullable(),
  /** Output config ids students may generate with; null = every output. */
  outputs: z.array(Slug).nullable(),
  limits: SessionLimits,
  /** A closed session keeps its runs but refuses new ones. */
  open: z.boolean(),
  /** Archived sessions leave the sessions list; their runs stay. */
  archived: z.boolean(),
  retention: Retention,
  /** Adult and research sessions: block or redact personal data on its way out of the building (kids and youth always block). */
  personal_data: PersonalDataRule.default('block'),
  /** Students may bring their own pictures (photograph or choose one). */
  picture_input: z.boolean().default(true),
  /** Kids and youth: faces in uploaded pictures are blurred, or such pictures refused. */
  faces: FacesRule.default('blur'),
  created_at: Timestamp,
  updated_at: Timestamp,
  /** The leader who created it. */
  created_by: z.string(),
})
export type CourseSession = z.infer<typeof CourseSession>

/** POST /api/admin/sessions: what a leader sends; the server fills in the rest. */
export const SessionCreate = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  safety_level: SafetyLevel.default('kids'),
  perspectives: z.array(Slug).max(200).nullable().default(null),
  outputs: z.array(Slug).max(50).nullable().default(null),
  limits: SessionLimits.default({ runs_per_hour: 30, runs_in_progress: 2 }),
  open: z.boolean().default(true),
  retention: Retention.default('global'),
  personal_data: PersonalDataRule.default('block'),
  picture_input: z.boolean().default(true),
  faces: FacesRule.default('blur'),
}).strict()
export type SessionCreate = z.infer<typeof SessionCreate>

/** PATCH /api/admin/sessions/:id: any subset; `new_join_code: true` draws a fresh code. */
export const SessionPatch = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  safety_level: SafetyLevel,
  perspectives: z.array(Slug).max(200).nullable(),
  outputs: z.array(Slug).max(50).nullable(),
  limits: SessionLimits,
  open: z.boolean(),
  archived: z.boolean(),
  retention: Retention,
  personal_data: PersonalDataRule,
  picture_input: z.boolean(),
  faces: FacesRule,
  new_join_code: z.literal(true),
}).partial().strict()
export type SessionPatch = z.infer<typeof SessionPatch>

/** participants/<id>/participant.json: a device in a session, known only by a pseudonym. */
export const Participant = z.object({
  participant_id: z.uuid({ version: 'v4' }),
  session_id: SessionId,
  /** Generated ("Blue Otter 12"); the student may change it. Never a real name by design, but the student may type one. */
  pseudonym: z.string().trim().min(1).max(40),
  created_at: Timestamp,
})
export type Participant = z.infer<typeof Participant>

export const PseudonymChange = z.object({
  pseudonym: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
}).strict()

/** The one line each moderation, retention or session change leaves behind. */
export const AuditEntry = z.object({
  id: z.string(),
  at: Timestamp,
  /** Leader name, or `retention` for the scheduled job. */
  actor: z.string(),
  action: z.enum(['run.hide', 'run.unhide', 'run.publish', 'run.unpublish', 'run.delete', 'retention.delete', 'session.create', 'session.update', 'retention.update', 'leader.create', 'leader.remove', 'leader.password_change', 'leader.sign_out_everywhere', 'providers.update']),
  run_id: z.string().nullable(),
  session_id: z.string().nullable(),
  reason: z.string().max(500).nullable(),
  /** Small facts worth keeping: e.g. the retention rule that removed a run. */
  detail: z.record(z.string(), z.unknown()).optional(),
})
export type AuditEntry = z.infer<typeof AuditEntry>
