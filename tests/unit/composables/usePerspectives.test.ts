import { describe, expect, it } from 'vitest'
import type { Perspective } from '#shared/schemas/perspective'
import { groupPerspectives } from '../../../composables/usePerspectives'

const perspective = (id: string, category: string) => ({ id, category }) as unknown as Perspective

describe('groupPerspectives', () => {
  it('groups in the fixed category order and keeps the catalog order inside a group', () => {
    const groups = groupPerspectives([
      perspective('user_defined', 'own'),
      perspective('renaissance', 'art_history'),
      perspective('piglatin', 'language'),
      perspective('bauhaus', 'art_history'),
    ])
    expect(groups.map(group => group.category)).toEqual(['art_history', 'language', 'own'])
    expect(groups[0]!.perspectives.map(item => item.id)).toEqual(['renaissance', 'bauhaus'])
  })

  it('puts a category it does not know after the known ones instead of hiding it', () => {
    const groups = groupPerspectives([perspective('school_special', 'workshop'), perspective('bauhaus', 'art_history')])
    expect(groups.map(group => group.category)).toEqual(['art_history', 'workshop'])
  })
})
