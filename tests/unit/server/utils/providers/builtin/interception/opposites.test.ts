import { describe, expect, it } from 'vitest'
import { invertIdea } from '../../../../../../../server/utils/providers/builtin/interception/opposites'
import { makeRequest } from './perspective-fixture'

const invert = (idea: string, language: 'de' | 'en') => invertIdea(makeRequest('theopposite', idea, language))

describe('invertIdea', () => {
  it('swaps English adjectives, nouns and verbs for their opposites', () => {
    expect(invert('A big cat laughs in the day.', 'en')).toBe('A small dog cries in the night.')
    expect(invert('Hot summer, cold winter', 'en')).toBe('Cold winter, hot summer')
  })

  it('swaps German words and keeps the adjective ending', () => {
    expect(invert('Der alte Riese lacht.', 'de')).toBe('Der junge Zwerg weint.')
    expect(invert('Im dunklen Wald', 'de')).toBe('Im hellen Wald')
    expect(invert('Ein heller Morgen', 'de')).toBe('Ein dunkler Abend')
  })

  it('inverts English plurals', () => {
    expect(invert('two cats and many days', 'en')).toBe('two dogs and few nights')
  })

  it('drops a negation instead of inverting twice', () => {
    expect(invert('The cat is not happy.', 'en')).toBe('The dog is happy.')
    expect(invert('Die Katze ist nicht glücklich.', 'de')).toBe('Die Hund ist glücklich.')
    expect(invert('Kein Vogel singt', 'de')).toBe('Ein Vogel schweigt')
  })

  it('says what it would do when it knows none of the words', () => {
    expect(invert('Zebra-Quokka', 'en')).toBe('The exact opposite of: Zebra-Quokka')
    expect(invert('Quokka', 'de')).toBe('Das genaue Gegenteil von: Quokka')
  })
})
