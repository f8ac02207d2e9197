import type { PersonalDataSpan } from './findings'

export interface NameLists {
  firstNames: ReadonlySet<string>
  surnames: ReadonlySet<string>
  /** First names that are also words (Rose, Mark, Will, Max, Paris): names only in context. */
  ordinaryWords: ReadonlySet<string>
}

// Frau Yılmaz, Herr Müller, Mr Smith, Oma Erna: whatever follows is a person.
const TITLES = new Set(['frau', 'herr', 'herrn', 'mr', 'mrs', 'ms', 'miss', 'mister', 'dr', 'doktor', 'prof', 'professor', 'familie', 'family', 'oma', 'opa', 'tante', 'onkel', 'aunt', 'auntie', 'uncle', 'grandma', 'grandpa', 'granny', 'coach', 'trainer', 'trainerin',
  'bay', 'bayan', 'пан', 'пані', 'бабуся', 'дідусь', 'тітка', 'дядько'])
// "heißt Max", "mein Freund Will", "my sister Rose": what follows is a real person's name.
const INTRODUCERS = new Set(['heißt', 'heisst', 'heiße', 'heisse', 'heißen', 'namens', 'named', 'called', 'freund', 'freundin', 'kumpel', 'bruder', 'schwester', 'cousin', 'cousine', 'nachbar', 'nachbarin', 'klassenkamerad', 'klassenkameradin', 'mitschüler', 'mitschülerin', 'banknachbar', 'banknachbarin', 'lehrer', 'lehrerin', 'sohn', 'tochter', 'friend', 'bestie', 'bff', 'brother', 'sister', 'neighbour', 'neighbor', 'classmate', 'teacher', 'son', 'daughter', 'crush', 'schwarm',
  'arkadaşım', 'kardeşim', 'ablam', 'abim', 'ağabeyim', 'komşum', 'öğretmenim', 'adlı', 'isimli',
  'звати', 'друг', 'подруга', 'брат', 'сестра', 'сусід', 'сусідка', 'однокласник', 'однокласниця', 'вчитель', 'вчителька'])
// "ich heiße", "my name is", "ich bin": only a listed first name counts after them.
const SELF_INTRODUCERS = [['name', 'is'], ['name', 'ist'], ['ich', 'bin'], ['i', 'am'], ['i’m'], ["i'm"], ['im'], ['adım'], ['benim', 'adım'], ['мене', 'звати'], ['я']]
const NOT_A_NAME_AFTER_TITLE = new Set(['doktor', 'professor', 'direktor', 'direktorin', 'präsident', 'präsidentin', 'bürgermeister', 'bürgermeisterin', 'lehrer', 'lehrerin', 'doctor', 'president', 'mayor', 'teacher'])

interface Token { text: string, key: string, start: number, end: number, capitalised: boolean, possessive: boolean }

const WORD = /\p{L}[\p{L}'’-]*/gu

function tokens(text: string, lists: NameLists): Token[] {
  return [...text.matchAll(WORD)].map((match) => {
    let word = match[0]
    let possessive = false
    // Lisas, Tom's, Max’: the name without its possessive ending.
    const bare = word.replace(/['’]s?$/u, '')
    if (bare !== word) { possessive = true; word = bare }
    else if (/s$/u.test(word) && !isListed(word.toLowerCase(), lists) && isListed(word.slice(0, -1).toLowerCase(), lists)) word = word.slice(0, -1)
    const start = match.index!
    return { text: word, key: word.toLowerCase(), start, end: start + word.length, capitalised: /^\p{Lu}/u.test(word), possessive }
  })
}

function isListed(key: string, lists: NameLists) {
  return lists.firstNames.has(key) || lists.surnames.has(key)
}

/**
 * Names of people, told apart from words by context. A listed first name counts wherever it
 * stands, unless it is also an ordinary word; such a name (Rose, Mark, Will) counts after
 * "heißt", "mein Freund", "Frau/Herr", with a possessive ("Will's"), or before a surname.
 * A surname counts after a first name or a title. Invented names are not personal data.
 */
export function findNames(text: string, lists: NameLists): PersonalDataSpan[] {
  const words = tokens(text, lists)
  const spans: PersonalDataSpan[] = []
  const isFirst = (token: Token) => token.key.length >= 3 && lists.firstNames.has(token.key)
  const isSurname = (token: Token) => token.key.length >= 3 && lists.surnames.has(token.key)
  const isWord = (token: Token) => lists.ordinaryWords.has(token.key)
  const adjacent = (a: Token, b: Token) => /^[^\S\n]+$/u.test(text.slice(a.end, b.start))
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!
    const before = words[index - 1]
    const next = words[index + 1]
    const close = (other: Token | undefined, after: boolean) => other !== undefined && (after ? adjacent(word, other) : adjacent(other, word))
    const afterTitle = close(before, false) && TITLES.has(before!.key) && !NOT_A_NAME_AFTER_TITLE.has(word.key)
      && (word.capitalised || isFirst(word) || isSurname(word))
    const introduced = close(before, false) && INTRODUCERS.has(before!.key) && (isFirst(word) || isSurname(word))
    const selfIntroduced = isFirst(word) && SELF_INTRODUCERS.some(phrase => phrase.every((part, offset) => words[index - phrase.length + offset]?.key === part))
    const beforeSurname = isFirst(word) && word.capitalised && close(next, true) && next!.capitalised && isSurname(next!) && !isWord(next!)
    const named = isFirst(word) && (!isWord(word) || (word.possessive && word.capitalised))
    if (!(afterTitle || introduced || selfIntroduced || beforeSurname || named)) continue
    let end = word.end
    // Mehmet Yılmaz, lisa müller: the surname belongs to the same span.
    while (close(words[index + 1], true) && (words[index + 1]!.capitalised || !word.capitalised) && isSurname(words[index + 1]!)) {
      index += 1
      end = words[index]!.end
    }
    spans.push({ kind: 'name', start: word.start, end, text: text.slice(word.start, end) })
  }
  return spans
}
