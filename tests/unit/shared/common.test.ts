import { describe, expect, it } from 'vitest'
import { stricterSafetyLevel } from '#shared/schemas/common'

describe('stricterSafetyLevel', () => {
  it('keeps the stricter of two levels whichever side it is on', () => {
    expect(stricterSafetyLevel('youth', 'kids')).toBe('kids')
    expect(stricterSafetyLevel('kids', 'adult')).toBe('kids')
    expect(stricterSafetyLevel('research', 'adult')).toBe('adult')
    expect(stricterSafetyLevel('youth', 'youth')).toBe('youth')
  })
})
