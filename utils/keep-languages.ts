/**
 * A copy of `value` whose localized texts (objects with German and English strings and two-letter
 * language keys only) keep German, English (the fallbacks) and `language`: every other language a
 * page will not show stays out of its payload. Anything else is copied as it is.
 */
export function keepLanguages<T>(value: T, language: string): T {
  if (Array.isArray(value)) return value.map(item => keepLanguages(item, language)) as T
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value)
  if (isLocalizedText(entries)) return Object.fromEntries(entries.filter(([key]) => key === 'de' || key === 'en' || key === language)) as T
  return Object.fromEntries(entries.map(([key, item]) => [key, keepLanguages(item, language)])) as T
}

function isLocalizedText(entries: [string, unknown][]): boolean {
  const keys = entries.map(([key]) => key)
  return keys.includes('de') && keys.includes('en')
    && entries.every(([key, text]) => /^[a-z]{2}$/.test(key) && typeof text === 'string')
}
