import { describe, expect, it } from 'vitest'
import { blockingCategories, parseGuardAnswer } from '../../../../../../server/utils/providers/llm/llama-guard'

describe('reading a Llama Guard answer', () => {
  it.each([
    ['safe', { safe: true }],
    ['  Safe.\n', { safe: true }],
    ['unsafe\nS1', { safe: false, categories: ['S1'] }],
    ['UNSAFE\n\n s10 , S12 \n', { safe: false, categories: ['S10', 'S12'] }],
    ['**unsafe**\nS11: Suicide & Self-Harm', { safe: false, categories: ['S11'] }],
    ['unsafe', { safe: false, categories: ['unspecified'] }],
    ['The text is not safe for children.', { safe: false, categories: ['unspecified'] }],
    ['This prompt is safe.', { safe: true }],
    ['unsafe\nS99', { safe: false, categories: ['unspecified'] }],
    ['I am not sure', null],
    ['', null],
  ])('reads %j', (answer, expected) => {
    expect(parseGuardAnswer(answer)).toEqual(expected)
  })

  it('orders blocking categories gravest first and drops those the level allows', () => {
    expect(blockingCategories(['S1', 'S8', 'S11'], 'kids')).toEqual(['S11', 'S1', 'S8'])
    expect(blockingCategories(['S1', 'S8', 'S11'], 'adult')).toEqual(['S11', 'S1'])
    expect(blockingCategories(['S1', 'S8', 'S11'], 'research')).toEqual([])
  })

  it('puts self-harm first, then sexual, violence and hate', () => {
    expect(blockingCategories(['S10', 'S1', 'S12', 'S11'], 'kids')).toEqual(['S11', 'S12', 'S1', 'S10'])
  })

  it('blocks child sexual exploitation at every level, research included', () => {
    for (const level of ['kids', 'youth', 'adult', 'research'] as const) expect(blockingCategories(['S10', 'S4'], level)[0]).toBe('S4')
  })
})
