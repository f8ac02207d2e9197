import { describe, expect, it } from 'vitest'
import { makeForceful, pushIntoOverdrive } from '../../../../../../../server/utils/providers/builtin/interception/tone-intensity'
import { makeRequest } from './perspective-fixture'

const hasShoutedWord = (text: string) => /\b\p{Lu}{4,}\b/u.test(text.replace(/^[^:]*:/u, ''))

describe('makeForceful', () => {
  it('uses stronger words, shouts one word and ends with an exclamation', () => {
    const forceful = makeForceful(makeRequest('forceful', 'A big dog in the cold rain.', 'en'))
    expect(forceful).toMatch(/gigantic/i)
    expect(forceful).toMatch(/freezing/i)
    expect(hasShoutedWord(forceful)).toBe(true)
    expect(forceful).toMatch(/[^!]!$/)
  })

  it('keeps German adjective endings when it boosts them', () => {
    expect(makeForceful(makeRequest('forceful', 'Ein großer Hund', 'de'))).toMatch(/gigantischer/i)
  })
})

describe('pushIntoOverdrive', () => {
  it('turns everything up past the limit', () => {
    const overdrive = pushIntoOverdrive(makeRequest('overdrive', 'Ein kleiner Vogel singt', 'de'))
    expect(overdrive).toMatch(/^(VOLLGAS|TURBO|MAXIMAL):/)
    expect(overdrive).toMatch(/winziger/i)
    expect(overdrive.endsWith('!!!')).toBe(true)
  })
})
