import { describe, expect, it } from 'vitest'
import { apiProblemOf } from '../../../utils/api-problem'

describe('apiProblemOf', () => {
  it('reads the status, message and failing field of an h3 error answer', () => {
    const error = { statusCode: 413, data: { statusCode: 413, statusMessage: 'Invalid field "input_text"', data: { field: 'input_text' } } }
    expect(apiProblemOf(error)).toEqual({ status: 413, field: 'input_text', reason: null, message: 'Invalid field "input_text"' })
  })

  it('reads why a session refused', () => {
    const error = { statusCode: 403, data: { statusCode: 403, statusMessage: 'The session "7b" is closed', data: { reason: 'session_closed' } } }
    expect(apiProblemOf(error)).toMatchObject({ status: 403, reason: 'session_closed' })
  })

  it('has no status when the request never got an answer', () => {
    expect(apiProblemOf(new TypeError('Failed to fetch')).status).toBeNull()
  })
})
