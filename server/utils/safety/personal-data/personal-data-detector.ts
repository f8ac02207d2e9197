import type { Language } from '#shared/schemas/common'
import type { PersonalDataList } from '#shared/schemas/personal-data'
import { findAddresses, findEmails, findPhones } from './contact-patterns'
import { maskSpans, type PersonalDataKind, type PersonalDataSpan } from './findings'
import { findNames, type NameLists } from './name-finder'

export interface PersonalDataFindings {
  spans: PersonalDataSpan[]
  /** Famous people, artworks and characters the text names: art subjects, not personal data. */
  famous: string[]
}

const PLACEHOLDERS: Record<Language, Record<PersonalDataKind, string>> = {
  de: { name: '[Name]', address: '[Adresse]', phone: '[Telefonnummer]', email: '[E-Mail]' },
  en: { name: '[Name]', address: '[Address]', phone: '[Phone number]', email: '[Email]' },
  tr: { name: '[İsim]', address: '[Adres]', phone: '[Telefon numarası]', email: '[E-posta]' },
  uk: { name: '[Ім’я]', address: '[Адреса]', phone: '[Номер телефону]', email: '[Ел. пошта]' },
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Finds names, street addresses, phone numbers and e-mail addresses, offline, from word lists a
 * school can extend. Famous names are taken out first, so "Mona Lisa" and "Albert Einstein" stay
 * art subjects while "Lisa" alone is a classmate.
 */
export class PersonalDataDetector {
  readonly model = 'personal-data-v1'
  private readonly names: NameLists
  private readonly famous: RegExp | null

  constructor(lists: readonly PersonalDataList[]) {
    const entries = (kind: PersonalDataList['kind']) => lists.filter(list => list.kind === kind).flatMap(list => list.entries)
    const keys = (kind: PersonalDataList['kind']) => new Set(entries(kind).map(entry => entry.toLowerCase()))
    this.names = { firstNames: keys('first_names'), surnames: keys('surnames'), ordinaryWords: keys('ordinary_words') }
    const famous = [...new Set(entries('famous'))].sort((a, b) => b.length - a.length).map(escapeRegExp)
    // Longest first, so "Albert Einstein" wins over "Einstein"; possessives ("Picassos", "Einstein's") count too.
    this.famous = famous.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${famous.join('|')})(?:['’]?s)?(?![\\p{L}\\p{N}])`, 'giu') : null
  }

  find(text: string): PersonalDataFindings {
    // Contacts first: "Am Bach 3" is an address even though Bach is famous.
    const contacts = withoutOverlaps([...findEmails(text), ...findPhones(text), ...findAddresses(text)])
    let rest = maskSpans(text, contacts)
    const famousMatches = this.famous ? [...rest.matchAll(this.famous)] : []
    rest = maskSpans(rest, famousMatches.map(match => ({ start: match.index!, end: match.index! + match[0].length })))
    const spans = withoutOverlaps([...contacts, ...findNames(rest, this.names)])
    return { spans, famous: [...new Set(famousMatches.map(match => match[0]))] }
  }

  /** The text with every span replaced by a placeholder in the run's language. */
  redact(text: string, spans: readonly PersonalDataSpan[], language: Language): string {
    let redacted = text
    for (const span of [...spans].sort((a, b) => b.start - a.start)) {
      redacted = redacted.slice(0, span.start) + PLACEHOLDERS[language][span.kind] + redacted.slice(span.end)
    }
    return redacted
  }
}

/** In text order; where two finds overlap, the longer one stays. */
function withoutOverlaps(spans: PersonalDataSpan[]): PersonalDataSpan[] {
  const kept: PersonalDataSpan[] = []
  for (const span of [...spans].sort((a, b) => (b.end - b.start) - (a.end - a.start))) {
    if (!kept.some(other => span.start < other.end && other.start < span.end)) kept.push(span)
  }
  return kept.sort((a, b) => a.start - b.start)
}
