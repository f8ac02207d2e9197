export const PERSONAL_DATA_KINDS = ['name', 'address', 'phone', 'email'] as const
export type PersonalDataKind = typeof PERSONAL_DATA_KINDS[number]

/** One piece of personal data in a text: where it is and what it is. */
export interface PersonalDataSpan {
  kind: PersonalDataKind
  start: number
  end: number
  text: string
}

/** Every match of a global pattern as a span of the given kind. */
export function spansOf(kind: PersonalDataKind, pattern: RegExp, text: string, group = 0): PersonalDataSpan[] {
  return [...text.matchAll(pattern)].map((match) => {
    const found = match[group]!
    const start = match.index! + match[0].indexOf(found)
    return { kind, start, end: start + found.length, text: found }
  })
}

/** Blanks the spans out (same length, so later positions still fit the original text). */
export function maskSpans(text: string, spans: readonly { start: number, end: number }[]): string {
  let masked = text
  for (const { start, end } of spans) masked = masked.slice(0, start) + ' '.repeat(end - start) + masked.slice(end)
  return masked
}
