import { describe, expect, it } from 'vitest'
import { BuiltinTranslationProvider } from '../../../../../../server/utils/providers/builtin/translation'
import { TURKISH_WORDS } from '../../../../../../server/utils/providers/builtin/translation-glossary-tr'
import { UKRAINIAN_WORDS } from '../../../../../../server/utils/providers/builtin/translation-glossary-uk'

const translator = new BuiltinTranslationProvider()
const toEnglish = async (text: string, language: 'tr' | 'uk') => (await translator.toEnglish({ text, language })).text

describe('BuiltinTranslationProvider on Turkish', () => {
  it('takes case, plural and verb endings off to find the word', async () => {
    expect(await toEnglish('Bir ejderha ormanda uçuyor.', 'tr')).toBe('A dragon in the forest flying.')
    expect(await toEnglish('Köpeğim denizde yüzüyor', 'tr')).toBe('Dog in the sea swimming')
    expect(await toEnglish('kuşlar ve kediler', 'tr')).toBe('Birds and cats')
    expect(await toEnglish('Kırmızı şapkalı kedi', 'tr')).toBe('Red with hat cat')
  })

  it('reads dotted and dotless i as Turkish does', async () => {
    expect(await toEnglish('IŞIK', 'tr')).toBe('LIGHT')
    expect(await toEnglish('İki kız', 'tr')).toBe('Two girl')
  })
})

describe('BuiltinTranslationProvider on Ukrainian', () => {
  it('finds inflected nouns, adjectives and verbs by their stems', async () => {
    expect(await toEnglish('Дракон літає над лісом.', 'uk')).toBe('Dragon flies above forest.')
    expect(await toEnglish('Червона кішка грає з м’ячем у саду', 'uk')).toBe('Red cat plays with ball in garden')
    expect(await toEnglish('Маленький хлопчик малює веселку', 'uk')).toBe('Small boy paints rainbow')
  })
})

describe('the Turkish and Ukrainian glossaries', () => {
  it('know a few hundred words each', () => {
    expect(Object.keys(TURKISH_WORDS).length).toBeGreaterThanOrEqual(300)
    expect(Object.keys(UKRAINIAN_WORDS).length).toBeGreaterThanOrEqual(300)
  })

  it('leave an already English text alone (the built-in rules answer tr/uk ideas in English)', async () => {
    expect(await toEnglish('A dragon made of clouds flies over the sea', 'tr')).toBe('A dragon made of clouds flies over the sea')
    expect(await toEnglish('A dragon made of clouds flies over the sea', 'uk')).toBe('A dragon made of clouds flies over the sea')
  })
})
