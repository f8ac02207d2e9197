import { describe, expect, it } from 'vitest'
import { BytesLru } from '../../../../../server/utils/media/bytes-lru'

const bytes = (length: number, fill = 1) => Buffer.alloc(length, fill)

describe('BytesLru', () => {
  it('drops the least recently used entries once the byte budget is passed', () => {
    const lru = new BytesLru(10)
    lru.set('a', bytes(4))
    lru.set('b', bytes(4))
    lru.get('a') // a is now the most recent
    lru.set('c', bytes(4)) // 12 bytes: b goes
    expect([lru.get('a'), lru.get('b'), lru.get('c')].map(entry => entry?.length)).toEqual([4, undefined, 4])
  })

  it('counts a replaced entry once', () => {
    const lru = new BytesLru(10)
    lru.set('a', bytes(6))
    lru.set('a', bytes(6, 2))
    lru.set('b', bytes(4))
    expect(lru.get('a')).toEqual(bytes(6, 2))
    expect(lru.get('b')?.length).toBe(4)
  })

  it('makes an entry once and then answers from memory', async () => {
    const lru = new BytesLru(100)
    let made = 0
    const make = async () => { made += 1; return bytes(3) }
    await lru.getOrMake('x', make)
    await lru.getOrMake('x', make)
    expect(made).toBe(1)
  })
})
