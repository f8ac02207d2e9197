import { describe, expect, it } from 'vitest'
import { joinProblemKey, typeIntoJoinCode } from '../../../composables/useJoin'

describe('typeIntoJoinCode', () => {
  it('upper-cases typed letters and ignores spaces and dashes', () => {
    expect(typeIntoJoinCode('', 'abc-2 3')).toBe('ABC23')
  })

  it('drops characters that are not in the join alphabet, such as O, 0, I, 1 and L', () => {
    expect(typeIntoJoinCode('AB', 'o0i1l!C')).toBe('ABC')
  })

  it('stops at six characters, so pasting a longer text fills the code', () => {
    expect(typeIntoJoinCode('ABCD', '23456')).toBe('ABCD23')
    expect(typeIntoJoinCode('ABCDEF', 'G')).toBe('ABCDEF')
  })
})

describe('joinProblemKey', () => {
  it('tells the child to ask the course leader when the server knows no such code', () => {
    expect(joinProblemKey({ status: 404, field: null, reason: null, message: 'No course session has the code ABCDEF' })).toBe('join.errors.unknown_code')
  })

  it('says the connection is gone when the request got no answer', () => {
    expect(joinProblemKey({ status: null, field: null, reason: null, message: 'Failed to fetch' })).toBe('join.errors.offline')
  })

  it('explains what a code looks like on a 400', () => {
    expect(joinProblemKey({ status: 400, field: null, reason: null, message: '"x" is not a join code' })).toBe('join.errors.not_a_code')
  })
})
