import { describe, expect, it } from 'vitest'
import { talkLikeATeenager } from '../../../../../../../server/utils/providers/builtin/interception/teen-slang'
import { makeRequest } from './perspective-fixture'

describe('talkLikeATeenager', () => {
  it('swaps words for slang and wraps the idea in how teenagers talk', () => {
    const slang = talkLikeATeenager(makeRequest('jugendsprache', 'A very good friend with a cat.', 'en'))
    expect(slang).toMatch(/^(Bro|Yo|Okay so|Sheesh|Lowkey), a super fire bestie with a kitty /)
  })

  it('speaks German Jugendsprache', () => {
    const slang = talkLikeATeenager(makeRequest('jugendsprache', 'Mein Freund ist sehr lustig.', 'de'))
    expect(slang).toMatch(/Bro ist mega lit/)
    expect(slang).toMatch(/^(Sheesh,|Alter,|Bro, hör zu:|Okay, also:) /)
  })
})
