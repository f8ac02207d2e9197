import type { RuleLanguage as Language } from '../../../../../../../server/utils/providers/builtin/interception/text-tools'
import { Perspective } from '#shared/schemas/perspective'
import { seededRandom } from '../../../../../../../server/utils/providers/builtin/seeded-random'
import type { InterceptionRequest } from '../../../../../../../server/utils/providers/builtin/interception/interception-rule'

export const PERSPECTIVE_IDS = [
  'analog_photography_1870s', 'analog_photography_1970s', 'analogue_copy', 'bauhaus', 'clichefilter', 'confucianliterati',
  'cooked_negatives', 'digital_photography', 'forceful', 'hunkydoryharmonizer', 'jugendsprache', 'mad_world', 'one_world',
  'overdrive', 'p5js_simplifier', 'piglatin', 'planetarizer', 'renaissance', 'sensitive', 'stillepost', 'technicaldrawing',
  'tellastory', 'theopposite', 'user_defined',
] as const

export const SAMPLE_IDEAS: Record<Language, string> = {
  de: 'Eine kleine Katze sitzt im dunklen Wald unter dem Mond und träumt.',
  en: 'A small cat sits in the dark forest under the moon and dreams.',
}

export function makePerspective(id: string, overrides: Partial<Perspective> = {}): Perspective {
  return Perspective.parse({
    id,
    name: { de: `Perspektive ${id}`, en: `Perspective ${id}` },
    description: { de: 'Verwandelt die Idee in eine leuchtende Unterwasserwelt mit Korallen.', en: 'Turns the idea into a glowing underwater world with corals.' },
    category: 'play',
    icon: '🎨',
    colour: '#336699',
    instruction: { de: 'Verwandle die Idee.', en: 'Transform the idea.' },
    minimum_age: 6,
    default_output: 'image',
    ...overrides,
  })
}

export function makeRequest(id: string, idea: string, language: Language, context: string | null = null, seed = 7): InterceptionRequest {
  return { idea, language, perspective: makePerspective(id), context, random: seededRandom(seed) }
}

// Short function words that only one of the two languages uses: enough to notice a switch of language.
const MARKER_WORDS: Record<Language, ReadonlySet<string>> = {
  de: new Set(['der', 'die', 'das', 'und', 'ein', 'eine', 'mit', 'im', 'ist', 'nicht', 'unter', 'dem', 'auf', 'für', 'wie', 'sind', 'von', 'über', 'oben', 'alles']),
  en: new Set(['the', 'and', 'a', 'with', 'is', 'of', 'on', 'for', 'like', 'are', 'from', 'over', 'under', 'top', 'everyone']),
}

export function countMarkerWords(text: string, language: Language): number {
  return (text.toLocaleLowerCase().match(/\p{L}+/gu) ?? []).filter(word => MARKER_WORDS[language].has(word)).length
}
