import { describe, expect, it } from 'vitest'
import { harmonizeSweetly, rephraseSensitively } from '../../../../../../../server/utils/providers/builtin/interception/tone-softening'
import { makeRequest } from './perspective-fixture'

describe('harmonizeSweetly', () => {
  it('rounds off the edges and adds sweetness', () => {
    const sweet = harmonizeSweetly(makeRequest('hunkydoryharmonizer', 'A scary monster fights in the storm.', 'en'))
    expect(sweet).toMatch(/^A mysterious cuddly monster dances in the breeze, /)
    expect(sweet.endsWith('– all is well.')).toBe(true)
  })

  it('keeps German genders and endings when it softens', () => {
    const sweet = harmonizeSweetly(makeRequest('hunkydoryharmonizer', 'Ein wütender Wolf im dunklen Sturm', 'de'))
    expect(sweet).toMatch(/^Ein grummeliger Kuschelwolf im dämmrigen Säuselwind, /)
  })
})

describe('rephraseSensitively', () => {
  it('says the idea carefully and kindly', () => {
    const careful = rephraseSensitively(makeRequest('sensitive', 'Ein trauriger Junge weint.', 'de'))
    expect(careful).toMatch(/^(Behutsam und achtsam betrachtet|Mit leiser Hand|Ganz vorsichtig): ein nachdenklicher Junge seufzt, /)
  })
})
