import type { Language, SafetyLevel } from '#shared/schemas/common'
import { SAFETY_LEVELS } from '#shared/schemas/common'
import type { SafetyTermListInput } from '#shared/schemas/safety'
import { reasonPriority } from '#shared/blocked-messages'
import type { SafetyProvider, SafetyVerdict } from '../../types'
import { collapseRepeats, normalizeText } from './normalize'
import { TermMatcher } from './term-matcher'
import { UNCHECKED_LANGUAGE, uncheckedScript } from './unchecked-script'

/**
 * Offline term lists in German, English, Turkish and Ukrainian; all are checked whatever the UI
 * language, because children mix them. Text the lists cannot read (another script, Russian) is
 * refused for kids and youth (unchecked-script.ts). Lists are compiled once at construction. A level checks
 * the lists that name it: research only the one for sexual content with children.
 */
export class BuiltinSafetyProvider implements SafetyProvider {
  readonly id = 'builtin_safety'
  readonly model = 'termlists-v2'
  private readonly matchers = new Map<SafetyLevel, TermMatcher[]>()

  constructor(lists: readonly SafetyTermListInput[]) {
    // The reason that matters most decides the child's message (self-harm first, pointing to a
    // trusted adult); within a reason, severe lists first.
    const byPriority = [...lists].sort((a, b) =>
      reasonPriority(a.reason_code) - reasonPriority(b.reason_code) || Number(b.severe ?? false) - Number(a.severe ?? false))
    const compiled = byPriority.map(list => new TermMatcher(list))
    for (const level of SAFETY_LEVELS) this.matchers.set(level, compiled.filter(matcher => matcher.list.levels.includes(level)))
  }

  async check(input: { text: string, level: SafetyLevel, language: Language, signal?: AbortSignal }): Promise<SafetyVerdict> {
    input.signal?.throwIfAborted()
    const text = normalizeText(input.text)
    const words = text.words.map(collapseRepeats)
    for (const matcher of this.matchers.get(input.level) ?? []) {
      const matched = matcher.match(text, words)
      if (matched) return { safe: false, reason_code: matcher.list.reason_code, matched }
    }
    const unread = uncheckedScript(input.text, input.level)
    return unread ? { safe: false, reason_code: UNCHECKED_LANGUAGE, matched: [unread] } : { safe: true }
  }
}
