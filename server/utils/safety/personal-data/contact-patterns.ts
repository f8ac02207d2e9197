import { type PersonalDataSpan, spansOf } from './findings'

const EMAIL = /[\p{L}\p{N}._%+-]+\s?(?:@|\(at\)|\[at\])\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu

// +49 171 1234567, 0049 (0)30 123456, +1-202-555-0187: a country code and at least seven more digits.
const INTERNATIONAL_PHONE = /(?<![\p{L}\p{N}])(?:\+|00)[1-9]\d{0,2}[\s./-]?(?:\(0\)[\s./-]?)?\d(?:[\s./-]?\d){6,13}(?!\d)/gu
// 0171 1234567, 030/1234567, 089-12345678: an area code with its 0, never dots (01.02.2020 is a date) or commas (0,5 l).
const NATIONAL_PHONE = /(?<![\p{L}\p{N}.,])0\d{2,5}(?:\s?[/-]\s?|\s)?\d(?:[\s-]?\d){4,9}(?![\p{N}]|[.,]\d)/gu
// "meine Nummer ist 12 34 56", "call me at 5550187": after such words five digits are a number to call.
const PHONE_AFTER_WORD = /(?:tel(?:efon)?(?:nummer)?|handy(?:nummer)?|nummer|phone(?: number)?|mobile|cell|call me(?: at| on)?|ruf(?: mich)? an(?: unter)?|whatsapp)\.?[\s:]*(?:ist|is)?[\s:]*(\+?\d(?:[\s/-]?\d){4,14})(?!\d)/giu

const STRONG_STREET = 'straße|strasse|str\\.|gasse|allee|chaussee'
const STREET = `${STRONG_STREET}|weg|platz|ring|damm|ufer|pfad|steig|stieg|hof|berg|feld|garten|markt|park|winkel|graben|wall|kamp|anger|zeile|höhe|bogen|brücke`
const HOUSE_NUMBER = '\\s?\\d{1,4}(?:\\s?[a-zA-Z])?(?![\\p{L}\\p{N}])'
const POSTCODE_AND_TOWN = '(?:,?\\s*\\d{5}\\s+\\p{Lu}[\\p{L}-]+)?'
// Where only the end of a phrase tells an address ("Am Bach 3.") from a count ("Im Wald 3 Bären").
const ENDS_HERE = '(?=\\s*(?:$|[,.;:!?)\\n]|\\d{5}(?!\\d)|in\\s+\\p{Lu}))'

const GERMAN_STREETS = [
  // Musterstraße 12, hauptstr. 5, Lindenallee 3a: these endings name nothing but streets.
  new RegExp(`(?<![\\p{L}])[\\p{L}-]+(?:${STRONG_STREET})${HOUSE_NUMBER}${POSTCODE_AND_TOWN}`, 'giu'),
  // Berliner Straße 5, Lange Allee 10
  new RegExp(`(?<![\\p{L}])\\p{Lu}[\\p{L}-]+\\s+(?:Straße|Strasse|Str\\.|Gasse|Allee|Chaussee|Weg|Platz|Ring|Damm|Ufer)${HOUSE_NUMBER}${POSTCODE_AND_TOWN}`, 'gu'),
  // Lindenweg 4, Marktplatz 1 (but not "Spielplatz 3 Kinder")
  new RegExp(`(?<![\\p{L}])\\p{Lu}[\\p{L}-]*(?:${STREET})${HOUSE_NUMBER}${POSTCODE_AND_TOWN}${ENDS_HERE}`, 'gu'),
  // Am Bach 3, An der Mühle 7, Zur Linde 2
  new RegExp(`(?<![\\p{L}])(?:Am|An der|An den|Im|In der|In den|Zum|Zur|Auf dem|Auf der|Hinter dem|Hinter der|Unter den|Vor dem)\\s+\\p{Lu}[\\p{L}-]+${HOUSE_NUMBER}${POSTCODE_AND_TOWN}${ENDS_HERE}`, 'gu'),
]
// 12 Baker Street, 221B Baker St., 5 Oak Tree Road
const ENGLISH_STREET = /(?<![\p{L}\p{N}])\d{1,5}[A-Za-z]?\s+(?:\p{Lu}[\p{L}'-]+\s+){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Ln\.|Drive|Boulevard|Blvd\.|Way|Court|Place|Terrace|Close|Crescent|Square|Gardens|Grove|Row)(?![\p{L}])/gu

export function findEmails(text: string): PersonalDataSpan[] {
  return spansOf('email', EMAIL, text)
}

export function findPhones(text: string): PersonalDataSpan[] {
  return [
    ...spansOf('phone', INTERNATIONAL_PHONE, text),
    ...spansOf('phone', NATIONAL_PHONE, text),
    ...spansOf('phone', PHONE_AFTER_WORD, text, 1),
  ]
}

export function findAddresses(text: string): PersonalDataSpan[] {
  return [...GERMAN_STREETS, ENGLISH_STREET].flatMap(pattern => spansOf('address', pattern, text))
}
