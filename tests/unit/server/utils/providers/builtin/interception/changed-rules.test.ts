import { describe, expect, it } from 'vitest'
import { BuiltinInterceptionProvider } from '../../../../../../../server/utils/providers/builtin/interception/builtin-interception'
import { shippedPerspectives } from '../../../../../../support/shipped-content'

const interception = new BuiltinInterceptionProvider()
const perspective = (id: string) => shippedPerspectives().find(candidate => candidate.id === id)!
const BAUHAUS = perspective('bauhaus')
const transform = (text: string, language: 'de' | 'en' | 'tr', rules: string | null, id = 'bauhaus') =>
  interception.intercept({ text, perspective: perspective(id), language, context: null, rules, seed: 7 }).then(result => result.text)

describe('the built-in interception with a student’s changed rules', () => {
  it('gives the same text as before when the rules are the perspective’s own, in any language', async () => {
    const own = await transform('A red house by the sea', 'en', null)
    expect(await transform('A red house by the sea', 'en', BAUHAUS.rules!.en)).toBe(own)
    expect(await transform('A red house by the sea', 'en', BAUHAUS.rules!.de)).toBe(own)
  })

  it('keeps the perspective’s transformation and carries out a new line on top of it', async () => {
    const own = await transform('A red house by the sea', 'en', null)
    const changed = await transform('A red house by the sea', 'en', `${BAUHAUS.rules!.en}\nReplace house with boat`)
    expect(own).toMatch(/house/i)
    expect(changed).not.toMatch(/\bhouse\b/i)
    expect(changed).toMatch(/boat/i)
    expect(changed.replace(/boat/gi, 'house')).toBe(own)
  })

  it('follows only the student’s own rules when none of the perspective’s lines were kept', async () => {
    const text = await transform('Ein Hund im Park', 'de', 'Ersetze Hund durch Drache\nAlles in Großbuchstaben')
    expect(text).toBe('EIN DRACHE IM PARK')
  })

  it('carries out a Turkish student’s new line in English, as the rule engine writes', async () => {
    const text = await transform('Bir kedi', 'tr', `${BAUHAUS.rules!.tr}\nAlles in Großbuchstaben`)
    expect(text).toBe(text.toLocaleUpperCase())
    expect(text).toMatch(/CAT/)
  })

  it('turns a line it cannot carry out into a note, so the child sees the rule was read', async () => {
    const text = await transform('A cat', 'en', `${BAUHAUS.rules!.en}\nEverything sparkles like stars`)
    expect(text).toMatch(/own rules: Everything sparkles like stars/)
  })
})
