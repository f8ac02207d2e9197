import { describe, expect, it } from 'vitest'
import { BuiltinTranslationProvider } from '../../../../../../server/utils/providers/builtin/translation'
import { GERMAN_TO_ENGLISH_GLOSSARY } from '../../../../../../server/utils/providers/builtin/translation-glossary'

const translator = new BuiltinTranslationProvider()
const toEnglish = async (text: string) => (await translator.toEnglish({ text, language: 'de' })).text

describe('BuiltinTranslationProvider', () => {
  it('names itself for the run metadata', () => {
    expect(translator.id).toBe('builtin_translation')
    expect(translator.model).toBe('glossary-v2')
  })

  it('translates a German sentence word by word, keeping order and punctuation', async () => {
    expect(await toEnglish('Ein kleiner Hund spielt mit zwei roten Bällen im Garten.')).toBe('A small dog plays with two red balls in the garden.')
    expect(await toEnglish('Die Katzen fliegen über den blauen Himmel. Ich male einen Drachen!')).toBe('The cats fly above the blue sky. I paint a dragon!')
  })

  it('derives regular plurals and keeps singulars after a singular article', async () => {
    expect(await toEnglish('viele Blumen und Sterne')).toBe('many flowers and stars')
    expect(await toEnglish('einen großen Elefanten')).toBe('a big elephant')
  })

  it('puts together compound nouns from known parts', async () => {
    expect(await toEnglish('ein Regenbogenpferd mit Glitzerflügeln')).toBe('a rainbow horse with glitter wings')
  })

  it('translates word groups as a whole', async () => {
    expect(await toEnglish('Es gibt einen Mond in der Nacht')).toBe('There is a moon at night')
  })

  it('writes "an" before a vowel but not before a "you" sound', async () => {
    expect(await toEnglish('ein Elefant und ein Einhorn')).toBe('an elephant and a unicorn')
  })

  it('leaves unknown words as they are and keeps shouting and quotes', async () => {
    expect(await toEnglish('Der Quokka lacht')).toBe('The Quokka laughs')
    expect(await toEnglish('ein RIESIGER Hund')).toBe('a HUGE dog')
    expect(await toEnglish('„Hallo“, sagt der Hund.')).toBe('„Hello“, says the dog.')
  })

  it('returns English input unchanged', async () => {
    const english = 'A  cat, sitting on the Moon!  '
    expect((await translator.toEnglish({ text: english, language: 'en' })).text).toBe(english)
  })

  it('knows several hundred words children use', () => {
    const size = Object.keys(GERMAN_TO_ENGLISH_GLOSSARY).length
    expect(size).toBeGreaterThanOrEqual(400)
    for (const key of Object.keys(GERMAN_TO_ENGLISH_GLOSSARY)) expect(key).toBe(key.toLocaleLowerCase())
  })

  it('stops when the run is aborted', async () => {
    await expect(translator.toEnglish({ text: 'Hund', language: 'de', signal: AbortSignal.abort() })).rejects.toThrow()
  })
})
