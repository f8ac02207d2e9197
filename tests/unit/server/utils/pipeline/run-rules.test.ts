import { describe, expect, it } from 'vitest'
import { interceptionRulesOf, studentRulesFor } from '../../../../../server/utils/pipeline/run-rules'
import { shippedPerspectives } from '../../../../support/shipped-content'

const byId = (id: string) => shippedPerspectives().find(perspective => perspective.id === id)!

describe('a run’s rules', () => {
  it('are kept only when they differ from the perspective’s own (in any language, spacing and case aside)', () => {
    const bauhaus = byId('bauhaus')
    expect(studentRulesFor(bauhaus, bauhaus.rules!.uk)).toBeNull()
    expect(studentRulesFor(bauhaus, `  ${bauhaus.rules!.en.toUpperCase()}\n`)).toBeNull()
    expect(studentRulesFor(bauhaus, `${bauhaus.rules!.en}\nEverything is green.`)).toBe(`${bauhaus.rules!.en}\nEverything is green.`)
    expect(studentRulesFor(bauhaus, '   ')).toBeNull()
  })

  it('are always the student’s for user_defined, which takes them as its context', () => {
    const own = byId('user_defined')
    expect(studentRulesFor(own, own.rules!.en)).toBe(own.rules!.en)
    expect(interceptionRulesOf({ context: 'old', rules: 'Everything is blue' }, own)).toEqual({ context: 'Everything is blue', rules: null })
    expect(interceptionRulesOf({ context: 'old', rules: null }, own)).toEqual({ context: 'old', rules: null })
    expect(interceptionRulesOf({ context: null, rules: 'Everything is blue' }, byId('bauhaus'))).toEqual({ context: null, rules: 'Everything is blue' })
  })
})
