/** English inflection for the glossary translators: they look up a base form and add the ending the source word had. */

const ALREADY_PLURAL = /s$|^(?:children|people|men|women|mice|geese|feet|sheep|fish|teeth|hair)$/
// Short verbs whose last consonant doubles before -ing: run → running.
const DOUBLING = new Set(['run', 'swim', 'sit', 'dig', 'hop', 'shop', 'stop', 'hug', 'get', 'put', 'cut', 'spin', 'win', 'plan', 'drop', 'skip'])

export function englishPlural(english: string): string {
  if (ALREADY_PLURAL.test(english)) return english
  if (/(?:s|x|ch|sh)$/.test(english)) return `${english}es`
  if (/[^aeiou]y$/.test(english)) return `${english.slice(0, -1)}ies`
  return `${english}s`
}

export function englishIng(verb: string): string {
  if (DOUBLING.has(verb)) return `${verb}${verb.at(-1)}ing`
  if (/ie$/.test(verb)) return `${verb.slice(0, -2)}ying`
  if (/[^e]e$/.test(verb)) return `${verb.slice(0, -1)}ing`
  return `${verb}ing`
}

export function englishThirdPerson(verb: string): string {
  if (verb === 'go' || verb === 'do') return `${verb}es`
  if (/(?:s|x|ch|sh)$/.test(verb)) return `${verb}es`
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`
  return `${verb}s`
}
