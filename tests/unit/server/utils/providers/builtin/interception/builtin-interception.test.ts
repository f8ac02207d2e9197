import { describe, expect, it } from 'vitest'
import type { RuleLanguage as Language } from '../../../../../../../server/utils/providers/builtin/interception/text-tools'
import { BuiltinInterceptionProvider, hasBuiltinRule } from '../../../../../../../server/utils/providers/builtin/interception/builtin-interception'
import { countMarkerWords, makePerspective, PERSPECTIVE_IDS, SAMPLE_IDEAS } from './perspective-fixture'

const provider = new BuiltinInterceptionProvider()
const LANGUAGES: readonly Language[] = ['de', 'en']
const OWN_RULES: Record<Language, string> = { de: 'ersetze Katze durch Hund', en: 'replace cat with dog' }
const OTHER: Record<Language, Language> = { de: 'en', en: 'de' }

function intercept(id: string, language: Language, seed = 11, text = SAMPLE_IDEAS[language]) {
  return provider.intercept({ text, language, perspective: makePerspective(id), context: id === 'user_defined' ? OWN_RULES[language] : null, seed })
}

describe('BuiltinInterceptionProvider', () => {
  it('names itself for the run metadata', () => {
    expect(provider.id).toBe('builtin_interception')
    expect(provider.model).toBe('rules-v1')
  })

  it('has its own rule for each of the 24 shipped perspectives', () => {
    expect(PERSPECTIVE_IDS).toHaveLength(24)
    for (const id of PERSPECTIVE_IDS) expect(hasBuiltinRule(id), id).toBe(true)
  })

  describe.each(PERSPECTIVE_IDS)('%s', (id) => {
    it.each(LANGUAGES)('visibly changes a %s idea and keeps its language', async (language) => {
      const { text } = await intercept(id, language)
      expect(text.trim()).not.toBe(SAMPLE_IDEAS[language])
      expect(text.length).toBeGreaterThan(0)
      expect(text.length).toBeLessThanOrEqual(600)
      expect(countMarkerWords(text, OTHER[language]), text).toBeLessThanOrEqual(countMarkerWords(SAMPLE_IDEAS[language], OTHER[language]))
      if (id !== 'piglatin') expect(countMarkerWords(text, language), text).toBeGreaterThan(0)
    })

    it.each(LANGUAGES)('gives the same %s text for the same idea, perspective and seed', async (language) => {
      const first = await intercept(id, language, 1234)
      const second = await new BuiltinInterceptionProvider().intercept({
        text: SAMPLE_IDEAS[language], language, perspective: makePerspective(id), context: id === 'user_defined' ? OWN_RULES[language] : null, seed: 1234,
      })
      expect(second.text).toBe(first.text)
    })
  })

  it('draws different phrases under different seeds', async () => {
    const outputs = new Set<string>()
    for (let seed = 0; seed < 8; seed++) outputs.add((await intercept('mad_world', 'en', seed)).text)
    expect(outputs.size).toBeGreaterThan(1)
  })

  it('frames ideas for a perspective a school added with its own name and words', async () => {
    const perspective = makePerspective('underwater_world', {
      name: { de: 'Unterwasserwelt', en: 'Underwater world' },
      description: { de: 'Alles taucht ab zwischen Korallen, Quallen und Seesternen.', en: 'Everything dives down among corals, jellyfish and starfish.' },
    })
    const english = await provider.intercept({ text: 'A bicycle in the city', language: 'en', perspective, context: null, seed: 3 })
    expect(english.text).toMatch(/^A bicycle in the city – seen through "Underwater world"/)
    expect(english.text).toMatch(/corals|jellyfish|starfish/)
    const german = await provider.intercept({ text: 'Ein Fahrrad in der Stadt', language: 'de', perspective, context: null, seed: 3 })
    expect(german.text).toMatch(/^Ein Fahrrad in der Stadt – gesehen durch „Unterwasserwelt“/)
    expect(german.text).toMatch(/Korallen|Quallen|Seesternen/)
  })

  it('keeps a very long idea to one short paragraph', async () => {
    const longIdea = 'A happy dog runs through the big green park with a red ball. '.repeat(30)
    for (const id of PERSPECTIVE_IDS) {
      const { text } = await intercept(id, 'en', 5, longIdea)
      expect(text.length, id).toBeLessThanOrEqual(600)
    }
  })

  it('stops when the run is aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(provider.intercept({
      text: 'A cat', language: 'en', perspective: makePerspective('piglatin'), context: null, seed: 1, signal: controller.signal,
    })).rejects.toThrow()
  })
})
