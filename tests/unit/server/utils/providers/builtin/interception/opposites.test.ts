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

describe('invertIdea and harm', () => {
  it('never turns the absence of harm into harm', () => {
    expect(invert('a man with clothes on at the beach', 'en')).not.toMatch(/without/)
    expect(invert('a boy without a knife at school', 'en')).toMatch(/without a knife/)
    expect(invert('nobody gets hurt on the playground', 'en')).not.toMatch(/everybody|everyone|somebody/)
    expect(invert('a dove of peace', 'en')).not.toMatch(/\bwar\b/)
    expect(invert('Ein Mann mit Kleidung am Strand', 'de')).not.toMatch(/ohne/)
    expect(invert('Ein Junge ohne Messer in der Schule', 'de')).toMatch(/ohne Messer/)
    expect(invert('Niemand wird verletzt', 'de')).not.toMatch(/[Jj]emand/)
    expect(invert('Eine Taube des Friedens', 'de')).not.toMatch(/Krieg/)
    expect(invert('Das Kind hat keine Drogen', 'de')).toMatch(/keine Drogen/)
    expect(invert('The soldier is not dead', 'en')).toMatch(/not dead/)
  })

  it('still flips presence in ideas without harm', () => {
    expect(invert('A cat with a hat', 'en')).toBe('A dog without a hat')
    expect(invert('Ein Hund ohne Ball', 'de')).toBe('Ein Katze mit Ball')
  })

  it('turns an idea about harm only as a picture when it knows no other word', () => {
    expect(invert('nobody gets hurt on the playground', 'en')).toBe('Painted upside down, with everything the wrong way round: nobody gets hurt on the playground')
  })

  it('leaves presence alone in the gentle variant', () => {
    expect(invertIdea({ ...makeRequest('theopposite', 'A cat with a hat', 'en'), gentle: true })).toBe('A dog with a hat')
  })
})
