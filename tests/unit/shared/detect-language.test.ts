import { describe, expect, it } from 'vitest'
import { detectLanguage } from '#shared/detect-language'

describe('detectLanguage', () => {
  it('recognises German and English ideas by their small words and letters', () => {
    expect(detectLanguage('Ein rotes Haus am Meer')).toBe('de')
    expect(detectLanguage('Drache über der Stadt')).toBe('de')
    expect(detectLanguage('A big happy dog in the sun')).toBe('en')
    expect(detectLanguage('the cat queen')).toBe('en')
  })

  it('says nothing when the words do not tell', () => {
    expect(detectLanguage('Skateboard')).toBeNull()
    expect(detectLanguage('Pizza Party')).toBeNull()
    expect(detectLanguage('')).toBeNull()
  })
})
