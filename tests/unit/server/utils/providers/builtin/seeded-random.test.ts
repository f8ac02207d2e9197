import { describe, expect, it } from 'vitest'
import { hashString, seededRandom } from '../../../../../../server/utils/providers/builtin/seeded-random'

describe('hashString', () => {
  it('computes FNV-1a 32-bit', () => {
    expect(hashString('')).toBe(0x811c9dc5)
    expect(hashString('a')).toBe(0xe40c292c)
    expect(hashString('foobar')).toBe(0xbf9cf968)
  })
})

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const first = seededRandom(42)
    const second = seededRandom(42)
    for (let draw = 0; draw < 20; draw++) expect(second()).toBe(first())
  })

  it('gives different sequences for different seeds, all within [0, 1)', () => {
    const a = Array.from({ length: 10 }, seededRandom(1))
    const b = Array.from({ length: 10 }, seededRandom(2))
    expect(a).not.toEqual(b)
    for (const value of [...a, ...b]) {
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThan(1)
    }
  })
})
