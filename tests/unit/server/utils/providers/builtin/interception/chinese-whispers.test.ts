import { describe, expect, it } from 'vitest'
import { whisperAlongTheRow } from '../../../../../../../server/utils/providers/builtin/interception/chinese-whispers'
import { makeRequest } from './perspective-fixture'

function sharedWords(a: string, b: string): number {
  const words = new Set(a.toLowerCase().split(/\W+/))
  return b.toLowerCase().split(/\W+/).filter(word => word && words.has(word)).length
}

describe('whisperAlongTheRow', () => {
  it('shows each round of a short idea, drifting a little further each time', () => {
    const relay = whisperAlongTheRow(makeRequest('stillepost', 'A cat on the house', 'en', null, 3)).split(' → ')
    expect(relay).toHaveLength(4)
    expect(relay[0]).toBe('A cat on the house')
    for (let round = 1; round < relay.length; round++) expect(relay[round]).not.toBe(relay[round - 1])
  })

  it('stays related: most words of the idea survive the relay', () => {
    const idea = 'Eine kleine Katze sitzt im Baum und schaut zum Mond'
    const last = whisperAlongTheRow(makeRequest('stillepost', idea, 'de', null, 9)).split(' → ').at(-1) ?? ''
    expect(last).not.toBe(idea)
    expect(sharedWords(idea, last)).toBeGreaterThanOrEqual(7)
  })

  it('mishears words that have no sound-alike', () => {
    const relay = whisperAlongTheRow(makeRequest('stillepost', 'Xylophon', 'de', null, 1)).split(' → ')
    expect(relay.at(-1)).not.toBe('Xylophon')
  })

  it('shows only the result when the whole relay would be too long', () => {
    const idea = 'A cat on the house under the moon with a dog and a tree. '.repeat(5).trim()
    const result = whisperAlongTheRow(makeRequest('stillepost', idea, 'en', null, 2))
    expect(result).not.toContain(' → ')
    expect(result).not.toBe(idea)
  })
})
