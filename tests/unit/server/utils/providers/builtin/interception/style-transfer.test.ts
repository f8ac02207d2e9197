import { describe, expect, it } from 'vitest'
import { STYLE_PHRASE_BANKS } from '../../../../../../../server/utils/providers/builtin/interception/style-phrase-banks'
import { STYLE_IDS, transferStyle } from '../../../../../../../server/utils/providers/builtin/interception/style-transfer'
import { makeRequest } from './perspective-fixture'

describe('transferStyle', () => {
  it('has a phrase bank for each of the nine style perspectives', () => {
    expect([...STYLE_IDS].sort()).toEqual([
      'analog_photography_1870s', 'analog_photography_1970s', 'analogue_copy', 'bauhaus', 'confucianliterati', 'cooked_negatives',
      'digital_photography', 'renaissance', 'technicaldrawing',
    ])
  })

  it.each(STYLE_IDS)('weaves era, material, light and composition of %s around the idea', (id) => {
    for (const language of ['de', 'en'] as const) {
      const idea = language === 'de' ? 'Ein Hund im Park' : 'A dog in the park'
      const styled = transferStyle(makeRequest(id, idea, language, null, 21))
      const bank = STYLE_PHRASE_BANKS[id]?.[language]
      expect(styled.startsWith(idea)).toBe(true)
      for (const phrases of [bank?.era, bank?.material, bank?.light, bank?.composition]) {
        expect(phrases?.some(phrase => styled.includes(phrase))).toBe(true)
      }
    }
  })

  it('refuses a perspective that has no phrase bank', () => {
    expect(() => transferStyle(makeRequest('piglatin', 'A dog', 'en'))).toThrow(/no style phrase bank/)
  })
})
