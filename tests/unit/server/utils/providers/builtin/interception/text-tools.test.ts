import { describe, expect, it } from 'vitest'
import { asSentenceContinuation, clampText, mapWords, matchCase } from '../../../../../../../server/utils/providers/builtin/interception/text-tools'

describe('text tools', () => {
  it('carries capitals over but never lowers a German noun', () => {
    expect(matchCase('Day', 'night')).toBe('Night')
    expect(matchCase('DAY', 'night')).toBe('NIGHT')
    expect(matchCase('tag', 'Nacht')).toBe('Nacht')
  })

  it('maps words and leaves punctuation and spaces alone', () => {
    expect(mapWords('Hi, you – don’t go!', word => String(word.length))).toBe('2, 3 – 5 2!')
  })

  it('lowers only an opening article or pronoun when the idea continues a sentence', () => {
    expect(asSentenceContinuation('A cat', 'en')).toBe('a cat')
    expect(asSentenceContinuation('Katzen', 'de')).toBe('Katzen')
    expect(asSentenceContinuation('Ich male', 'de')).toBe('Ich male')
    expect(asSentenceContinuation('Berlin at night', 'en')).toBe('Berlin at night')
  })

  it('cuts long text at a word boundary', () => {
    const clamped = clampText('one two three four five six', 15)
    expect(clamped).toBe('one two three…')
    expect(clamped.length).toBeLessThanOrEqual(15)
  })
})
