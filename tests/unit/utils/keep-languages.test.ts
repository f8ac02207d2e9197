import { describe, expect, it } from 'vitest'
import { keepLanguages } from '../../../utils/keep-languages'

describe('keepLanguages', () => {
  const text = { de: 'Haus', en: 'house', tr: 'ev', uk: 'будинок' }

  it('keeps German, English and the page’s language in every localized text, however deep', () => {
    expect(keepLanguages([{ id: 'bauhaus', name: text, example: { input: text } }], 'tr')).toEqual([
      { id: 'bauhaus', name: { de: 'Haus', en: 'house', tr: 'ev' }, example: { input: { de: 'Haus', en: 'house', tr: 'ev' } } },
    ])
    expect(keepLanguages({ name: text }, 'de')).toEqual({ name: { de: 'Haus', en: 'house' } })
  })

  it('leaves objects that are not localized texts as they are', () => {
    const other = { de: 'Haus', en: 'house', colour: '#fff', minimum_age: 8 }
    expect(keepLanguages(other, 'de')).toEqual(other)
    expect(keepLanguages({ tags: ['a'], count: 2, none: null }, 'uk')).toEqual({ tags: ['a'], count: 2, none: null })
  })
})
