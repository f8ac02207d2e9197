import { describe, expect, it } from 'vitest'
import type { RuleLanguage as Language } from '../../../../../../../server/utils/providers/builtin/interception/text-tools'
import { BuiltinInterceptionProvider } from '../../../../../../../server/utils/providers/builtin/interception/builtin-interception'
import { SOUND_ALIKES } from '../../../../../../../server/utils/providers/builtin/interception/sound-alikes'
import { HARMLESS_IDEAS, shippedPerspectives, shippedSafety } from '../../../../../../support/shipped-content'

const safety = shippedSafety()
const interception = new BuiltinInterceptionProvider()
const perspectives = shippedPerspectives()
const LANGUAGES: Language[] = ['de', 'en']
const PHRASE_SEEDS = 40

async function flagged(text: string, language: Language) {
  const verdict = await safety.check({ text, level: 'kids', language })
  return verdict.safe ? null : `${verdict.reason_code} ${verdict.matched.join(', ')}: ${text}`
}

const contextFor = (id: string) => (id === 'user_defined' ? 'Alles wird blau' : null)

describe("a perspective's own phrases", () => {
  // A neutral idea leaves only what the perspective adds: openers, closers, frames, fragments.
  it.each(LANGUAGES)('never trip the kids lists, in any variant (%s)', async (language) => {
    const idea = language === 'de' ? 'Ein Ball' : 'A ball'
    const problems: string[] = []
    for (const perspective of perspectives) {
      for (let seed = 0; seed < PHRASE_SEEDS; seed++) {
        for (const stricter of [false, true]) {
          const { text } = await interception.intercept({ text: idea, perspective, language, context: contextFor(perspective.id), seed, stricter })
          const problem = await flagged(text, language)
          if (problem) problems.push(`${perspective.id} seed ${seed}${stricter ? ' gentle' : ''}: ${problem}`)
        }
      }
      for (const example of [perspective.example?.output?.[language], perspective.description[language], perspective.name[language]]) {
        const problem = example ? await flagged(example, language) : null
        if (problem) problems.push(`${perspective.id} card: ${problem}`)
      }
    }
    expect(problems).toEqual([])
  })

  it.each(LANGUAGES)('include no sound-alike that is a listed word (%s)', async (language) => {
    const alikes = [...new Set(Object.values(SOUND_ALIKES[language]).flat())]
    const problems = (await Promise.all(alikes.map(word => flagged(word, language)))).filter(Boolean)
    expect(problems).toEqual([])
  })
})

describe('the built-in transformer checking its own output', () => {
  it('answers with the first candidate the check accepts, and the same one every time', async () => {
    const perspective = perspectives.find(p => p.id === 'stillepost')!
    const asked: string[] = []
    const acceptable = async (text: string) => {
      asked.push(text)
      return asked.length > 2
    }
    const input = { text: 'a dog rides a bike', perspective, language: 'en' as const, context: null, seed: 5 }
    const { text } = await interception.intercept({ ...input, acceptable })
    expect(asked).toHaveLength(3)
    expect(new Set(asked).size).toBe(3)
    expect(text).toBe(asked[2])
    const again: string[] = []
    expect((await interception.intercept({ ...input, acceptable: async (t) => { again.push(t); return again.length > 2 } })).text).toBe(text)
  })

  it('without a check, answers as before: the first candidate of its seed', async () => {
    const perspective = perspectives.find(p => p.id === 'jugendsprache')!
    const input = { text: 'Ein Hund', perspective, language: 'de' as const, context: null, seed: 3 }
    const first = (await interception.intercept(input)).text
    expect((await interception.intercept({ ...input, acceptable: async () => true })).text).toBe(first)
  })

  it('gives the gentlest variant last and returns it when nothing passes', async () => {
    const perspective = perspectives.find(p => p.id === 'stillepost')!
    const asked: string[] = []
    const { text } = await interception.intercept({
      text: 'a raven flies', perspective, language: 'en', context: null, seed: 1, acceptable: async (t) => { asked.push(t); return false },
    })
    expect(text).toBe(asked.at(-1))
    expect(asked.length).toBeGreaterThan(1)
    expect(asked.length).toBeLessThanOrEqual(8)
  })

  it.each(LANGUAGES)('never answers a harmless idea with a text the kids check flags, for any shipped perspective (%s)', async (language) => {
    const acceptable = async (text: string) => (await flagged(text, language)) === null
    const problems: string[] = []
    for (const perspective of perspectives) {
      for (const idea of HARMLESS_IDEAS[language]) {
        for (const seed of [0, 1, 2, 42, 1234567]) {
          const { text } = await interception.intercept({ text: idea, perspective, language, context: contextFor(perspective.id), seed, acceptable })
          const problem = await flagged(text, language)
          if (problem) problems.push(`${perspective.id} seed ${seed}: ${problem}`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})
