import { describe, expect, it } from 'vitest'
import { dictionaryFromPairs, lookUpWord } from '../../../../../../../server/utils/providers/builtin/interception/word-dictionary'

const opposites = dictionaryFromPairs([['groß', 'klein'], ['hell', 'dunkel'], ['Tag', 'Nacht'], ['cat', 'dog'], ['teuer', 'billig']])

describe('lookUpWord', () => {
  it('works in both directions', () => {
    expect(lookUpWord('klein', opposites, 'de')).toBe('groß')
    expect(lookUpWord('Nacht', opposites, 'de')).toBe('Tag')
  })

  it('keeps German adjective endings and drops the stem e where German does', () => {
    expect(lookUpWord('großen', opposites, 'de')).toBe('kleinen')
    expect(lookUpWord('hellen', opposites, 'de')).toBe('dunklen')
    expect(lookUpWord('billige', opposites, 'de')).toBe('teure')
  })

  it('leaves capitalised German nouns whole and inflects English plurals', () => {
    expect(lookUpWord('Tage', opposites, 'de')).toBeUndefined()
    expect(lookUpWord('cats', opposites, 'en')).toBe('dogs')
  })

  it('matches only exact words when asked not to inflect', () => {
    expect(lookUpWord('großen', opposites, 'de', false)).toBeUndefined()
  })
})
