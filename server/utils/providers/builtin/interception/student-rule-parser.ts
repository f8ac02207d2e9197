/** A rule a student wrote in their own words, in a form the built-in provider can really carry out. */
export type StudentRule =
  | { kind: 'replace', from: string, to: string }
  | { kind: 'remove', word: string }
  | { kind: 'add', addition: string }
  | { kind: 'uppercase' }
  | { kind: 'lowercase' }
  | { kind: 'reverse_letters' }
  | { kind: 'reverse_words' }
  | { kind: 'note', text: string }

const REPLACE_PATTERNS: readonly RegExp[] = [
  /^(?:replace|swap|change|turn)\s+(.+?)\s+(?:with|by|into|to|for)\s+(.+)$/iu,
  /^(?:ersetze|ersetzt|tausche|tauscht|verwandle|verwandelt|wandle)\s+(.+?)\s+(?:durch|mit|gegen|zu|in)\s+(.+)$/iu,
  /^(?:mach|mache|macht)\s+aus\s+(.+?)\s+(?:ein(?:e|en)?\s+)?(.+)$/iu,
  /^aus\s+(.+?)\s+wird\s+(.+)$/iu,
  /^(.+?)\s*(?:->|→|=>|=)\s*(.+)$/u,
  /^(.+?)\s+(?:becomes|turns into|wird zu|wird zum|wird zur)\s+(.+)$/iu,
]
/** "… Katze durch Hund, Maus durch Käse": after a replace rule the verb may be left out. */
const REPLACE_CONTINUATION = /^(.+?)\s+(?:durch|gegen|with|by|into)\s+(.+)$/iu
const REMOVE_PATTERNS: readonly RegExp[] = [
  /^(?:remove|delete|leave out|cross out|without)\s+(.+)$/iu,
  /^(?:entferne|entfernt|lösche|löscht|streiche|streicht|ohne)\s+(.+)$/iu,
  /^(?:lass|lasst)\s+(.+?)\s+weg$/iu,
]
const ADD_PATTERNS: readonly RegExp[] = [
  /^(?:add|put in|include|plus)\s+(.+)$/iu,
  /^(?:füge|füg|fügt)\s+(.+?)\s+(?:hinzu|dazu|ein)$/iu,
  /^(?:ergänze|ergänzt|plus)\s+(.+)$/iu,
  /^(.+?)\s+(?:dazu|hinzufügen|dazutun)$/iu,
  /^((?:with|mit)\s+.+)$/iu,
]
const REVERSE_WORDS = /(?:word order|words?)\b.*\b(?:backwards|reversed?|the other way)|reverse the words|(?:reihenfolge|wörter|wortreihenfolge).*(?:rückwärts|umgekehrt|umdrehen|umgedreht)/iu
const REVERSE_LETTERS = /backwards|reverse|mirror writing|rückwärts|umgekehrt|spiegelschrift/iu
const UPPERCASE = /\b(?:capitals?|caps|upper\s*case|big letters|shout\w*)\b|großbuchstaben|alles groß|groß schreiben|großschreiben|in groß|alles gross/iu
const LOWERCASE = /\b(?:small letters|lower\s*case)\b|kleinbuchstaben|alles klein|klein schreiben|kleinschreiben/iu
const CLAUSE_SEPARATOR = /\r?\n|;|!|,|(?<!\d)\.(?!\d)|\b(?:and then|und dann|then|dann)\b/iu
const AND = /\s+(?:and|und)\s+/iu

function unquote(text: string): string {
  return text.trim().replace(/^["'„“‚‘»«]+|["'“”‘’»«]+$/gu, '').trim()
}

function firstMatch(patterns: readonly RegExp[], clause: string): RegExpMatchArray | undefined {
  for (const pattern of patterns) {
    const match = clause.match(pattern)
    if (match) return match
  }
  return undefined
}

function parseClause(clause: string, previous: StudentRule | undefined): StudentRule {
  // Case and direction words first: "alles wird groß" must not become a replacement of "alles".
  if (UPPERCASE.test(clause) && !/^(?:replace|ersetze|add|füge)/iu.test(clause)) return { kind: 'uppercase' }
  if (LOWERCASE.test(clause) && !/^(?:replace|ersetze|add|füge)/iu.test(clause)) return { kind: 'lowercase' }
  if (REVERSE_WORDS.test(clause)) return { kind: 'reverse_words' }
  if (REVERSE_LETTERS.test(clause) && clause.split(/\s+/u).length <= 4) return { kind: 'reverse_letters' }
  const replace = firstMatch(REPLACE_PATTERNS, clause) ?? (previous?.kind === 'replace' ? clause.match(REPLACE_CONTINUATION) : null) ?? undefined
  if (replace?.[1] && replace[2]) return { kind: 'replace', from: unquote(replace[1]), to: unquote(replace[2]) }
  const remove = firstMatch(REMOVE_PATTERNS, clause)
  if (remove?.[1]) return { kind: 'remove', word: unquote(remove[1]) }
  const add = firstMatch(ADD_PATTERNS, clause)
  if (add?.[1]) return { kind: 'add', addition: unquote(add[1]) }
  return { kind: 'note', text: clause }
}

/** Splits the student's text into rules; "… and …" splits only when every part is a rule on its own. */
export function parseStudentRules(context: string): StudentRule[] {
  const rules: StudentRule[] = []
  for (const clause of context.split(CLAUSE_SEPARATOR).map(part => part?.trim() ?? '').filter(part => part.length > 0)) {
    const parts = clause.split(AND)
    const partRules: StudentRule[] = []
    for (const part of parts) partRules.push(parseClause(part, partRules.at(-1) ?? rules.at(-1)))
    if (parts.length > 1 && partRules.every(rule => rule.kind !== 'note')) rules.push(...partRules)
    else rules.push(parseClause(clause, rules.at(-1)))
  }
  return rules
}
