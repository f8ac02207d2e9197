import { describe, expect, it } from 'vitest'
import { cutUpLikeDada } from '../../../../../../../server/utils/providers/builtin/interception/dada-cut-up'
import { makeRequest } from './perspective-fixture'

const words = (text: string) => text.toLowerCase().match(/\p{L}+/gu) ?? []

describe('cutUpLikeDada', () => {
  it('keeps every word of the idea, in a new order, with absurd fragments dropped in', () => {
    const idea = 'The little cat dreams of fish tonight'
    const cutUp = cutUpLikeDada(makeRequest('mad_world', idea, 'en', null, 4))
    for (const word of words(idea)) expect(words(cutUp)).toContain(word)
    expect(words(cutUp).length).toBeGreaterThan(words(idea).length)
    expect(cutUp.endsWith('!')).toBe(true)
  })

  it('shuffles the same way for the same seed and differently for another', () => {
    const idea = 'eins zwei drei vier fünf sechs sieben acht'
    const once = cutUpLikeDada(makeRequest('mad_world', idea, 'de', null, 1))
    expect(cutUpLikeDada(makeRequest('mad_world', idea, 'de', null, 1))).toBe(once)
    expect(cutUpLikeDada(makeRequest('mad_world', idea, 'de', null, 2))).not.toBe(once)
  })
})
