import type { Language, SafetyLevel } from '#shared/schemas/common'
import { SAFETY_LEVELS } from '#shared/schemas/common'
import type { SafetyTermList } from '#shared/schemas/safety'
import type { SafetyProvider, SafetyVerdict } from '../../types'
import { normalizeText } from './normalize'
import { TermMatcher } from './term-matcher'

/** Research workshops look at exactly what the filters would hide, so no term list applies. */
const UNFILTERED_LEVELS: readonly SafetyLevel[] = ['research']

/**
 * Offline term lists in German and English; both languages are checked whatever the UI
 * language, because children mix them. Lists are compiled once per level at construction.
 */
export class BuiltinSafetyProvider implements SafetyProvider {
  readonly id = 'builtin_safety'
  readonly model = 'termlists-v1'
  private readonly matchers = new Map<SafetyLevel, TermMatcher>()

  constructor(lists: readonly SafetyTermList[]) {
    // Severe lists first, so a prompt that is both rude and hateful is reported as hateful.
    const byPriority = [...lists.filter(list => list.severe), ...lists.filter(list => !list.severe)]
    for (const level of SAFETY_LEVELS) {
      if (UNFILTERED_LEVELS.includes(level)) continue
      this.matchers.set(level, new TermMatcher(byPriority.filter(list => list.levels.includes(level))))
    }
  }

  async check(input: { text: string, level: SafetyLevel, language: Language, signal?: AbortSignal }): Promise<SafetyVerdict> {
    input.signal?.throwIfAborted()
    const match = this.matchers.get(input.level)?.match(normalizeText(input.text))
    if (!match) return { safe: true }
    return { safe: false, reason_code: match.list.reason_code, matched: match.matched }
  }
}
