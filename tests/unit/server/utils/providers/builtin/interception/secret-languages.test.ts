import { describe, expect, it } from 'vitest'
import { speakPigLatin, toLoeffelsprache, toPigLatin } from '../../../../../../../server/utils/providers/builtin/interception/secret-languages'
import { makeRequest } from './perspective-fixture'

describe('toPigLatin', () => {
  it('moves the first consonant sound to the end and adds "ay"', () => {
    expect(toPigLatin('hello')).toBe('ellohay')
    expect(toPigLatin('string')).toBe('ingstray')
    expect(toPigLatin('cat')).toBe('atcay')
  })

  it('adds "way" to words that start with a vowel', () => {
    expect(toPigLatin('apple')).toBe('appleway')
    expect(toPigLatin('I')).toBe('Iway')
  })

  it('treats "qu" and a leading "y" as consonants and a later "y" as a vowel', () => {
    expect(toPigLatin('quiet')).toBe('ietquay')
    expect(toPigLatin('yellow')).toBe('ellowyay')
    expect(toPigLatin('rhythm')).toBe('ythmrhay')
  })

  it('keeps capitals and shouting, and handles each half of a hyphenated word', () => {
    expect(toPigLatin('Hello')).toBe('Ellohay')
    expect(toPigLatin('MOON')).toBe('OONMAY')
    expect(toPigLatin('ice-cream')).toBe('iceway-eamcray')
  })
})

describe('toLoeffelsprache', () => {
  it('echoes every vowel sound with "lew"', () => {
    expect(toLoeffelsprache('Hallo')).toBe('Halewallolewo')
    expect(toLoeffelsprache('Katze')).toBe('Kalewatzelewe')
  })

  it('keeps diphthongs together', () => {
    expect(toLoeffelsprache('Haus')).toBe('Haulewaus')
    expect(toLoeffelsprache('Eis')).toBe('Eileweis')
    expect(toLoeffelsprache('Bäume')).toBe('Bäulewäumelewe')
  })
})

describe('speakPigLatin', () => {
  it('translates English sentences word by word and keeps punctuation', () => {
    expect(speakPigLatin(makeRequest('piglatin', 'The cat sleeps.', 'en'))).toBe('Ethay atcay eepsslay.')
  })

  it('speaks Löffelsprache for German ideas', () => {
    expect(speakPigLatin(makeRequest('piglatin', 'Der Hund!', 'de'))).toBe('Delewer Hulewund!')
  })
})
