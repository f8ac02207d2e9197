import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '#shared/schemas/common'
import { BuiltinInterceptionProvider } from '../../../../../../../server/utils/providers/builtin/interception/builtin-interception'
import { pictureSentence } from '../../../../../../../server/utils/providers/builtin/interception/picture-sentence'
import { makePerspective, PERSPECTIVE_IDS } from './perspective-fixture'

const BAUHAUS = makePerspective('bauhaus', { name: { de: 'Bauhaus', en: 'Bauhaus', tr: 'Bauhaus', uk: 'Баугауз' } })
const provider = new BuiltinInterceptionProvider()

describe('what the perspective does with the student\'s pictures', () => {
  it('says transformed for one picture and fused for several, in each of the four languages', () => {
    expect(pictureSentence(BAUHAUS, 'de', 1)).toBe('Dein Bild wird im Blick von „Bauhaus“ verwandelt.')
    expect(pictureSentence(BAUHAUS, 'en', 2)).toBe('Your 2 pictures are fused into one single picture through the eyes of “Bauhaus”.')
    expect(pictureSentence(BAUHAUS, 'uk', 1)).toContain('«Баугауз»')
    expect(pictureSentence(BAUHAUS, 'tr', 3)).toMatch(/^3 resmin „Bauhaus“/)
    for (const language of LANGUAGES) {
      expect(pictureSentence(BAUHAUS, language, 0)).toBeNull()
      expect(pictureSentence(BAUHAUS, language, 1)).not.toBe(pictureSentence(BAUHAUS, language, 2))
    }
  })

  it.each(PERSPECTIVE_IDS)('%s appends it to its own text, and a picture without words gets only the sentence', async (id) => {
    const perspective = makePerspective(id, { name: { de: 'Sicht', en: 'View', tr: 'Bakış', uk: 'Погляд' } })
    const context = id === 'user_defined' ? 'replace cat with dog' : null
    const words = await provider.intercept({ text: 'A cat on a roof', perspective, language: 'en', context, seed: 5 })
    const withPicture = await provider.intercept({ text: 'A cat on a roof', pictures: 1, perspective, language: 'en', context, seed: 5 })
    expect(withPicture.text).toBe(`${words.text} Your picture is transformed through the eyes of “View”.`)
    const onlyPictures = await provider.intercept({ text: '', pictures: 2, perspective, language: 'de', context, seed: 5 })
    expect(onlyPictures.text).toBe('Deine 2 Bilder werden im Blick von „Sicht“ zu einem einzigen Bild verschmolzen.')
  })
})
