import { describe, expect, it } from 'vitest'
import type { CourseSession } from '#shared/schemas/session'
import { createBodyOf, patchBodyOf, sessionFormOf } from '../../../../composables/admin/session-form'

const session: CourseSession = {
  id: 'abc-123', name: 'Klasse 4b', join_code: 'ABC234', safety_level: 'youth',
  perspectives: ['poet'], outputs: null, limits: { runs_per_hour: null, runs_in_progress: 3 },
  open: false, archived: true, retention: 14, personal_data: 'block', picture_input: false, faces: 'refuse',
  created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', created_by: 'admin',
}

describe('session form', () => {
  it('starts a new session as kids, every perspective and output, open, with the default limits', () => {
    expect(createBodyOf({ ...sessionFormOf(), name: '  Workshop ' })).toEqual({
      name: 'Workshop', safety_level: 'kids', perspectives: null, outputs: null,
      limits: { runs_per_hour: 30, runs_in_progress: 2 }, open: true, retention: 'global', personal_data: 'block',
      picture_input: true, faces: 'blur',
    })
  })

  it('gives back what a session holds, unchanged, as a patch', () => {
    expect(patchBodyOf(sessionFormOf(session))).toEqual({
      name: 'Klasse 4b', safety_level: 'youth', perspectives: ['poet'], outputs: null,
      limits: { runs_per_hour: null, runs_in_progress: 3 }, open: false, archived: true, retention: 14, personal_data: 'block',
      picture_input: false, faces: 'refuse',
    })
  })

  it('reads an emptied limit field as no limit and an empty day count as the global policy', () => {
    const form = { ...sessionFormOf(session), runs_in_progress: '' as const, retention_days: '' as const }
    expect(patchBodyOf(form)).toMatchObject({ limits: { runs_per_hour: null, runs_in_progress: null }, retention: 'global' })
  })

  it('sends the chosen subset only when "all" is switched off', () => {
    const form = { ...sessionFormOf(), all_outputs: false, outputs: ['image_fast'], perspectives: ['poet'] }
    expect(createBodyOf(form)).toMatchObject({ perspectives: null, outputs: ['image_fast'] })
  })

  it('lets an adult session redact personal data, and sends block for kids and youth whatever the form held', () => {
    expect(createBodyOf({ ...sessionFormOf(), safety_level: 'adult', personal_data: 'redact' })).toMatchObject({ personal_data: 'redact' })
    expect(createBodyOf({ ...sessionFormOf(), safety_level: 'youth', personal_data: 'redact' })).toMatchObject({ personal_data: 'block' })
  })
})
