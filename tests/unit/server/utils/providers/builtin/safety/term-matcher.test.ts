import { describe, expect, it } from 'vitest'
import type { SafetyTermListInput } from '#shared/schemas/safety'
import { SafetyTermList } from '#shared/schemas/safety'
import { normalizeText } from '../../../../../../../server/utils/providers/builtin/safety/normalize'
import { TermMatcher } from '../../../../../../../server/utils/providers/builtin/safety/term-matcher'

function matcher(list: Partial<SafetyTermListInput>) {
  return new TermMatcher({ id: 'test', reason_code: 'test', levels: ['kids'], ...list })
}

const matches = (list: Partial<SafetyTermListInput>, text: string) => matcher(list).match(normalizeText(text))

describe('allowed phrases', () => {
  const list = { terms: ['gun', 'blood*'], allow: ['water gun', 'blood orange', 'blood oranges'] }

  it('keep their words from matching the list', () => {
    expect(matches(list, 'a water gun fight')).toBeNull()
    expect(matches(list, 'two blood oranges')).toBeNull()
  })

  it('leave the same words elsewhere in the text to match', () => {
    expect(matches(list, 'a water gun and a real gun')).toEqual(['gun'])
    expect(matches(list, 'a gun')).toEqual(['gun'])
  })

  it('also keep fuzzy matching away from their words', () => {
    expect(matches({ severe: true, terms: ['blutet'], allow: ['bluten*'] }, 'Blüten am Baum')).toBeNull()
    expect(matches({ severe: true, terms: ['blutet'], allow: ['bluten*'] }, 'er bluttet')).toEqual(['blutet'])
  })
})

describe('terms that count alone', () => {
  const list = { alone: ['88', 'hh', '1488'] }

  it('match when the idea is made of nothing else', () => {
    expect(matches(list, '88')).toEqual(['88'])
    expect(matches(list, 'HH 88!')).toEqual(expect.arrayContaining(['hh', '88']))
  })

  it('do not match inside an ordinary idea', () => {
    expect(matches(list, '88 Luftballons')).toBeNull()
    expect(matches(list, 'ein Auto aus HH')).toBeNull()
  })
})

describe('patterns of ordinary words', () => {
  const list: Partial<SafetyTermListInput> = {
    groups: { harm: ['stabs', 'shooting', 'sticht'], person: ['man', 'kids', 'mann'] },
    patterns: [{ all: [['@harm'], ['@person']], within: 3 }],
  }

  it('match when a word of every slot stands close, in either order, and report the words that met', () => {
    expect(matches(list, 'soldier shooting kids')).toEqual(['shooting + kids'])
    expect(matches(list, 'der Mann sticht zu')).toEqual(['sticht + mann'])
  })

  it('need every slot', () => {
    expect(matches(list, 'a shooting star')).toBeNull()
    expect(matches(list, 'a man and his kids')).toBeNull()
  })

  it('do not count a harm verb that a "nobody" before it takes back; a plain term still would', () => {
    const negated = { ...list, patterns: [{ all: [['@harm'], ['@person']], within: 3, unless_after: ['niemand', 'nobody'] }] }
    expect(matches(negated, 'nobody shooting kids here')).toBeNull()
    expect(matches(negated, 'niemand sticht – mit Mann und Maus')).toBeNull()
    expect(matches(negated, 'soldier shooting kids, nobody helps')).toEqual(['shooting + kids'])
  })

  it('need the words within the distance', () => {
    expect(matches(list, 'shooting stars over the hills where a man lives')).toBeNull()
  })

  it('never let one word fill two slots', () => {
    expect(matches({ groups: { a: ['kill*'], b: ['killer'] }, patterns: [{ all: [['@a'], ['@b']] }] }, 'killer')).toBeNull()
  })

  it('match misspelt words only when the pattern says fuzzy, in a severe list', () => {
    const hate = { severe: true, groups: { group: ['juden'], predicate: ['böse'] } }
    expect(matches({ ...hate, patterns: [{ all: [['@group'], ['@predicate']], fuzzy: true }] }, 'juhden sind böse')).toEqual(['juden + bose'])
    expect(matches({ ...hate, patterns: [{ all: [['@group'], ['@predicate']] }] }, 'juhden sind böse')).toBeNull()
  })

  it('refuse a group the list does not have', () => {
    expect(() => matcher({ patterns: [{ all: [['@nobody'], ['x']] }] })).toThrow(/test.*@nobody/)
  })
})

describe('fuzzy matching of severe lists', () => {
  const severe = (terms: string[]) => ({ severe: true, terms })

  it('catches a misspelling with the first letter kept', () => {
    expect(matches(severe(['nigga']), 'nigguh')).toBeNull()
    expect(matches(severe(['nigga']), 'niggq')).toEqual(['nigga'])
    expect(matches(severe(['nackte']), 'nakte frau')).toEqual(['nackte'])
  })

  it('never flags a word with another first letter: "Digga" is not a slur', () => {
    expect(matches(severe(['nigga']), 'Digga, ein Hund')).toBeNull()
    expect(matches(severe(['rape']), 'grape')).toBeNull()
  })

  it('catches a misspelt stem followed by an inflection, not by a compound', () => {
    expect(matches(severe(['selbstmord*']), 'selbstmort')).toEqual(['selbstmord*'])
    expect(matches(severe(['masturb*']), 'masterbating')).toEqual(['masturb*'])
    expect(matches(severe(['leichen*']), 'Leichtathletikwettkampf')).toBeNull()
  })

  it('allows two edits only from ten letters on', () => {
    expect(matches(severe(['snorting']), 'shooting')).toBeNull()
    expect(matches(severe(['hakenkreuz']), 'hakenkraiz')).toEqual(['hakenkreuz'])
  })

  it('never flags a word the list names with !', () => {
    expect(matches(severe(['nackt', '!nacht']), 'eine Nacht im Wald')).toBeNull()
  })

  it('leaves lists that are not severe exact', () => {
    expect(matches({ terms: ['bullshit'] }, 'bulshit')).toBeNull()
  })
})

describe('the list format', () => {
  it('needs terms, alone terms or patterns', () => {
    expect(SafetyTermList.safeParse({ id: 'x', reason_code: 'x', levels: ['kids'] }).success).toBe(false)
    expect(SafetyTermList.safeParse({ id: 'x', reason_code: 'x', levels: ['kids'], alone: ['88'] }).success).toBe(true)
  })

  it('takes a pattern of at least two slots', () => {
    expect(SafetyTermList.safeParse({ id: 'x', reason_code: 'x', levels: ['kids'], patterns: [{ all: [['a']] }] }).success).toBe(false)
  })
})
