import { describe, expect, it } from 'vitest'
import { tellATinyStory } from '../../../../../../../server/utils/providers/builtin/interception/tiny-story'
import { makeRequest } from './perspective-fixture'

describe('tellATinyStory', () => {
  it('makes the idea the heart of a fairy tale', () => {
    const story = tellATinyStory(makeRequest('tellastory', 'A cat in the rain.', 'en'))
    expect(story).toMatch(/^(Once upon a time|Long, long ago)/)
    expect(story).toContain(': a cat in the rain. ')
  })

  it('tells German stories and keeps German nouns capitalised', () => {
    const story = tellATinyStory(makeRequest('tellastory', 'Eine Katze im Regen', 'de'))
    expect(story).toMatch(/^(Es war einmal|Vor langer, langer Zeit)/)
    expect(story).toContain(': eine Katze im Regen. ')
    expect(tellATinyStory(makeRequest('tellastory', 'Katzen im Regen', 'de'))).toContain(': Katzen im Regen. ')
  })
})
