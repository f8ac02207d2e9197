import { describe, expect, it } from 'vitest'
import { detectLanguage } from '#shared/detect-language'

describe('detectLanguage', () => {
  it('recognises German and English ideas by their small words and letters', () => {
    expect(detectLanguage('Ein rotes Haus am Meer')).toBe('de')
    expect(detectLanguage('Drache über der Stadt')).toBe('de')
    expect(detectLanguage('A big happy dog in the sun')).toBe('en')
    expect(detectLanguage('the cat queen')).toBe('en')
  })

  it('recognises Turkish by its letters and small words, and Ukrainian by its script', () => {
    expect(detectLanguage('Bir ejderha ormanda uçuyor')).toBe('tr')
    expect(detectLanguage('Köpek ve kedi bahçede')).toBe('tr')
    expect(detectLanguage('bir kedi ve bir kopek')).toBe('tr')
    expect(detectLanguage('IŞIK dolu bir şehir')).toBe('tr')
    expect(detectLanguage('Дракон літає над лісом')).toBe('uk')
    expect(detectLanguage('Кіт і скейтборд, cool')).toBe('uk')
  })

  it('keeps German ideas with ö and ü German', () => {
    expect(detectLanguage('Ein Vogel über der Brücke')).toBe('de')
    expect(detectLanguage('Schöne Grüße')).toBe('de')
  })

  it('says nothing when the words do not tell', () => {
    expect(detectLanguage('Skateboard')).toBeNull()
    expect(detectLanguage('Pizza Party')).toBeNull()
    expect(detectLanguage('')).toBeNull()
  })
})
