import { describe, expect, it } from 'vitest'
import { exposeCliches } from '../../../../../../../server/utils/providers/builtin/interception/cliche-filter'
import { makeRequest } from './perspective-fixture'

describe('exposeCliches', () => {
  it('marks and counts English clichés', () => {
    expect(exposeCliches(makeRequest('clichefilter', 'A unicorn under rainbows at sunset', 'en'))).toBe(
      'A UNICORN (cliché!) under RAINBOWS (cliché!) at SUNSET (cliché!). Cliché count: 3 – turned up to the max so you can see them!',
    )
  })

  it('finds German clichés inside compounds but leaves look-alikes alone', () => {
    const marked = exposeCliches(makeRequest('clichefilter', 'Ein Regenbogenpferd trinkt Kaffee', 'de'))
    expect(marked).toContain('REGENBOGENPFERD (Klischee!)')
    expect(marked).toContain('Kaffee.')
    expect(marked).toContain('Klischee-Zähler: 1')
  })

  it('praises an idea without clichés', () => {
    expect(exposeCliches(makeRequest('clichefilter', 'A toaster in the fog', 'en'))).toBe('A toaster in the fog. Cliché check: none found – totally fresh!')
  })
})
