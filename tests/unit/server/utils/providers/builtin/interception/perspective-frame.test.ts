import { describe, expect, it } from 'vitest'
import { frameWithPerspective } from '../../../../../../../server/utils/providers/builtin/interception/perspective-frame'
import { seededRandom } from '../../../../../../../server/utils/providers/builtin/seeded-random'
import { makePerspective } from './perspective-fixture'

describe('frameWithPerspective', () => {
  it('frames the idea with the name and keywords of the description, never its opening verb', () => {
    const perspective = makePerspective('glass_world', {
      name: { de: 'Glaswelt', en: 'Glass world' },
      description: { de: 'Verwandelt alles in Glas.', en: 'Transforms everything into glass.' },
    })
    const framed = frameWithPerspective({ idea: 'Ein Hund', language: 'de', perspective, context: null, random: seededRandom(1) })
    expect(framed).toBe('Ein Hund – gesehen durch „Glaswelt“.')
    const english = frameWithPerspective({ idea: 'a dog.', language: 'en', perspective, context: null, random: seededRandom(1) })
    expect(english).toBe('A dog – seen through "Glass world": glass.')
  })
})
