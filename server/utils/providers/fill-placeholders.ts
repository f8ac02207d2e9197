/**
 * A copy of `template` in which every string that is exactly `"{{name}}"` with a name in `values`
 * becomes that value, keeping its type (a number placeholder becomes a number), however deep it
 * stands. Other strings, also ones that merely contain a placeholder, stay as they are.
 */
export function fillPlaceholders(template: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (typeof template === 'string') {
    const name = /^\{\{(\w+)\}\}$/.exec(template)?.[1]
    return name && name in values ? values[name] : template
  }
  if (Array.isArray(template)) return template.map(value => fillPlaceholders(value, values))
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillPlaceholders(value, values)]))
  }
  return template
}
