import { describe, expect, it } from 'vitest'
import { createRunProblemKey } from '../../../composables/useCreateRun'

describe('createRunProblemKey', () => {
  it('says the text is too long on a 413', () => {
    expect(createRunProblemKey({ status: 413, field: 'input_text', reason: null, message: 'Invalid field "input_text"' })).toBe('idea.errors.too_long')
  })

  it('asks for an idea when the server finds the input empty', () => {
    expect(createRunProblemKey({ status: 400, field: 'input_text', reason: null, message: 'Invalid field "input_text": must not be empty' })).toBe('idea.errors.empty')
  })

  it('asks for own rules when a student-rules perspective got none', () => {
    const message = 'The perspective "user_defined" needs your own rules in "context"'
    expect(createRunProblemKey({ status: 400, field: null, reason: null, message })).toBe('idea.errors.rules_missing')
  })

  it('says the connection is gone when the request got no answer', () => {
    expect(createRunProblemKey({ status: null, field: null, reason: null, message: 'Failed to fetch' })).toBe('idea.errors.offline')
  })

  it('explains a refusal by the session in the child’s words, before the generic status messages', () => {
    expect(createRunProblemKey({ status: 403, field: null, reason: 'session_closed', message: 'closed' })).toBe('session.refused.session_closed')
    expect(createRunProblemKey({ status: 429, field: null, reason: 'runs_per_hour', message: 'limit' })).toBe('session.refused.runs_per_hour')
    expect(createRunProblemKey({ status: 429, field: null, reason: 'something_new', message: 'limit' })).toBe('idea.errors.busy')
  })

  it('asks to choose a picture again when one of the run’s pictures is gone', () => {
    expect(createRunProblemKey({ status: 422, field: 'input_images', reason: 'picture_gone', message: 'That picture is no longer here' })).toBe('session.refused.picture_gone')
    expect(createRunProblemKey({ status: 400, field: 'input_images', reason: null, message: 'Invalid field "input_images"' })).toBe('session.refused.picture_gone')
  })

  it('falls back to a friendly general message for anything else', () => {
    expect(createRunProblemKey({ status: 500, field: null, reason: null, message: 'boom' })).toBe('idea.errors.other')
  })
})
