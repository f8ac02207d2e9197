import type { SafetyLevel } from '#shared/schemas/common'
import type { ChatMessage } from '../backends/backend'

/**
 * Llama Guard 3 (MLCommons hazard taxonomy) and what our levels make of it. Our reason codes are
 * those of shared/blocked-messages.ts; categories without a child-facing message of their own
 * use `unsafe`, which blockedMessage answers with its general "try it friendlier" message.
 */
export const GUARD_CATEGORIES: Record<string, { name: string, reason_code: string }> = {
  S1: { name: 'violent crimes', reason_code: 'violence' },
  S2: { name: 'non-violent crimes', reason_code: 'unsafe' },
  S3: { name: 'sex-related crimes', reason_code: 'sexual' },
  S4: { name: 'child sexual exploitation', reason_code: 'sexual' },
  S5: { name: 'defamation', reason_code: 'unsafe' },
  S6: { name: 'specialized advice', reason_code: 'unsafe' },
  S7: { name: 'privacy', reason_code: 'unsafe' },
  S8: { name: 'intellectual property', reason_code: 'unsafe' },
  S9: { name: 'indiscriminate weapons', reason_code: 'violence' },
  S10: { name: 'hate', reason_code: 'hate' },
  S11: { name: 'suicide and self-harm', reason_code: 'self_harm' },
  S12: { name: 'sexual content', reason_code: 'sexual' },
  S13: { name: 'elections', reason_code: 'unsafe' },
  S14: { name: 'code interpreter abuse', reason_code: 'unsafe' },
}

/** An "unsafe" without a category code (a plain chat model): blocked wherever any category is. */
export const UNCATEGORISED = 'unspecified'

const ALL = [...Object.keys(GUARD_CATEGORIES), UNCATEGORISED]

/**
 * Mirrors the term lists: kids and youth block everything; adult only what the severe lists
 * cover (violent crimes and weapons, sex crimes, sexual content, hate, self-harm) and an
 * unspecified "unsafe"; research workshops see what filters would hide, except child sexual
 * exploitation, which no level ever generates.
 */
export const BLOCKED_CATEGORIES: Record<SafetyLevel, ReadonlySet<string>> = {
  kids: new Set(ALL),
  youth: new Set(ALL),
  adult: new Set(['S1', 'S3', 'S4', 'S9', 'S10', 'S11', 'S12', UNCATEGORISED]),
  research: new Set(['S4']),
}

/** When several categories block, the child reads the message that matters most: self-harm first (it points to a trusted adult), then sexual, violence, hate (as blocked-messages.ts ranks reasons). */
const PRIORITY = ['S11', 'S4', 'S3', 'S12', 'S1', 'S9', 'S10']

export type GuardAnswer = { safe: true } | { safe: false, categories: string[] }

/**
 * `safe`, or `unsafe` and a line of codes ("S1,S10"), in any case, spacing or decoration; a
 * plain chat model's "Unsafe." or "The text is safe" too. Null when it says neither.
 */
export function parseGuardAnswer(answer: string): GuardAnswer | null {
  const text = answer.toLowerCase()
  const leading = text.match(/^[\s"'*`.]*(safe|unsafe)\b/)?.[1]
  const verdict = leading ?? (/\b(?:unsafe|not safe)\b/.test(text) ? 'unsafe' : /\bsafe\b/.test(text) ? 'safe' : null)
  if (!verdict) return null
  if (verdict === 'safe') return { safe: true }
  const codes = [...answer.matchAll(/\bS(\d{1,2})\b/gi)].map(match => `S${Number(match[1])}`).filter(code => code in GUARD_CATEGORIES)
  return { safe: false, categories: codes.length > 0 ? [...new Set(codes)] : [UNCATEGORISED] }
}

/** The blocking categories at this level, gravest first; empty when the level lets them pass. */
export function blockingCategories(categories: string[], level: SafetyLevel): string[] {
  const blocking = categories.filter(code => BLOCKED_CATEGORIES[level].has(code))
  const rank = (code: string) => (PRIORITY.includes(code) ? PRIORITY.indexOf(code) : PRIORITY.length)
  return blocking.sort((a, b) => rank(a) - rank(b))
}

export function reasonCodeFor(category: string): string {
  return GUARD_CATEGORIES[category]?.reason_code ?? 'unsafe'
}

export function describeCategory(category: string): string {
  const known = GUARD_CATEGORIES[category]
  return known ? `${category} ${known.name}` : 'unsafe (no category given)'
}

const CLASSIFIER_INSTRUCTION = `You check prompts for an art workshop with children and teenagers. Classify the user's message (a prompt for an image or sound generator). Answer with the single word "safe", or with "unsafe" and on the next line the comma-separated codes of the categories it falls under: ${Object.entries(GUARD_CATEGORIES).map(([code, { name }]) => `${code} ${name}`).join(', ')}. Do not explain.`

/** Llama Guard takes the text as the user's turn and knows its task; other models are told. */
export function guardMessages(model: string, text: string): ChatMessage[] {
  const user: ChatMessage = { role: 'user', content: text }
  return /guard/i.test(model) ? [user] : [{ role: 'system', content: CLASSIFIER_INSTRUCTION }, user]
}
