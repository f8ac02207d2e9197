import { describe, expect, it } from 'vitest'
import { BuiltinInterceptionProvider } from '../../../../../../server/utils/providers/builtin/interception/builtin-interception'
import { STYLE_PHRASE_BANKS } from '../../../../../../server/utils/providers/builtin/interception/style-phrase-banks'
import { translateGerman } from '../../../../../../server/utils/providers/builtin/translation-german'
import { KNOWN_GERMAN_PHRASES, parallelPhrases } from '../../../../../../server/utils/providers/builtin/translation-known-phrases'
import { makePerspective } from './interception/perspective-fixture'

// What the machine is told (shown to the child after its check) must be English, not
// "Stahlrohr, glass and Beton": the perspectives' own phrases are translated whole.

describe('the built-in perspectives\' phrases in the German → English translation', () => {
  it('pairs every style phrase with the English one at the same place, and leaves out lists that are no translation', () => {
    const styles = Object.values(STYLE_PHRASE_BANKS).flatMap(bank => Object.values(bank.de).flat())
    expect(styles.length).toBeGreaterThan(100)
    for (const phrase of styles) expect(KNOWN_GERMAN_PHRASES.has(phrase), phrase).toBe(true)
    expect(KNOWN_GERMAN_PHRASES.get('Stahlrohr, Glas und Beton')).toBe('tubular steel, glass and concrete')
    // Different lengths: not each other's translation. One word: the glossary's job.
    expect(parallelPhrases([{ de: ['Alter, hör zu', 'voll krass'], en: ['Dude,'] }, { de: { a: 'unten' }, en: { a: 'bottom' } }]).size).toBe(0)
  })

  it('translates each known phrase whole, inside a sentence and after a full stop', () => {
    for (const [german, english] of KNOWN_GERMAN_PHRASES) {
      expect(translateGerman(`Ein rotes Haus, ${german}.`), german).toBe(`A red house, ${english}.`)
      expect(translateGerman(`Ein rotes Haus. ${german}.`).startsWith(`A red house. ${english.charAt(0).toUpperCase()}`), german).toBe(true)
    }
  })

  it('turns a Bauhaus interception into an English prompt', async () => {
    const { text } = await new BuiltinInterceptionProvider().intercept({ text: 'Ein rotes Haus am Meer', language: 'de', perspective: makePerspective('bauhaus'), context: null, seed: 10 })
    expect(text).toMatch(/^Ein rotes Haus am Meer, .+: .+/)
    const english = translateGerman(text)
    expect(english.startsWith('A red house at the sea, ')).toBe(true)
    // Every word of the perspective's German phrases is gone.
    const germanStyleWords = new Set(Object.values(STYLE_PHRASE_BANKS.bauhaus!.de).flat().flatMap(phrase => phrase.match(/\p{L}{4,}/gu) ?? []))
    for (const word of english.match(/\p{L}{4,}/gu) ?? []) if (!['Bauhaus', 'Kandinsky', 'Klee', 'Dessau'].includes(word)) expect(germanStyleWords.has(word), word).toBe(false)
  })
})
