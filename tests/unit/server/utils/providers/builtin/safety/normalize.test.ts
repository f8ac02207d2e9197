import { describe, expect, it } from 'vitest'
import { capRepeats, collapseRepeats, normalizeText, normalizeWords } from '../../../../../../../server/utils/providers/builtin/safety/normalize'

describe('normalizeWords', () => {
  it('lower-cases and spells umlauts one way whether written as ä or ae', () => {
    expect(normalizeWords('Töten toeten TÖTEN TOETEN')).toEqual(['toten', 'toten', 'toten', 'toten'])
    expect(normalizeWords('Kühe Kuehe Bär Baer')).toEqual(['kuhe', 'kuhe', 'bar', 'bar'])
  })

  it('writes ß as ss', () => {
    expect(normalizeWords('Straße STRASSE')).toEqual(['strasse', 'strasse'])
  })

  it('strips accents and other diacritics', () => {
    expect(normalizeWords('Café naïve Ñandú Łódź')).toEqual(['cafe', 'naive', 'nandu', 'lodz'])
  })

  it('reads leetspeak digits and symbols inside words', () => {
    expect(normalizeWords('k1ll $h1t p0rn 5ex @ss m3th t0t3n')).toEqual(['kill', 'shit', 'porn', 'sex', 'ass', 'meth', 'toten'])
  })

  it('reads ! as i only inside a word', () => {
    expect(normalizeWords('k!ll kill!!! !hallo')).toEqual(['kill', 'kill', 'hallo'])
  })

  it('leaves plain numbers alone', () => {
    expect(normalizeWords('2024 um 7 Uhr, 3 Katzen')).toEqual(['2024', 'um', '7', 'uhr', '3', 'katzen'])
  })

  it('keeps repeated letters for the matcher to judge', () => {
    expect(normalizeWords('Kiiiill Bass')).toEqual(['kiiiill', 'bass'])
  })

  it('drops invisible characters and reads full-width, bold and Cyrillic look-alike letters', () => {
    expect(normalizeWords('k\u200Bi\u00ADll ｋｉｌｌ 𝐤𝐢𝐥𝐥 kіll')).toEqual(['kill', 'kill', 'kill', 'kill'])
  })

  it('joins words around apostrophes', () => {
    expect(normalizeWords('the assassin’s creed, don\'t')).toEqual(['the', 'assassins', 'creed', 'dont'])
  })

  it('splits words at hyphens and punctuation', () => {
    expect(normalizeWords('Ein Skill-Tree für die Klasse.')).toEqual(['ein', 'skill', 'tree', 'fur', 'die', 'klasse'])
  })
})

describe('normalizeText', () => {
  it.each(['k i l l', 'k.i.l.l', 'k-i-l-l', 'K_I_L_L', 'k 1 l l'])('joins the spelled-out word in %j', (text) => {
    expect(normalizeText(text)).toEqual({ words: ['kill'], spelledOut: ['kill'] })
  })

  it('keeps a spelled-out word apart from the whole words around it', () => {
    expect(normalizeText('Ich will s e x sagen')).toEqual({ words: ['ich', 'will', 'sex', 'sagen'], spelledOut: ['sex'] })
  })

  it('does not glue a few single letters or numbers together', () => {
    expect(normalizeText('Plan A, B or C').spelledOut).toEqual([])
    expect(normalizeText('a T-shirt').spelledOut).toEqual([])
    expect(normalizeText('Reihe 1 2 3 4').spelledOut).toEqual([])
  })
})

describe('collapseRepeats', () => {
  it('keeps each letter once and counts how often it stood there', () => {
    expect(collapseRepeats('kiiill')).toEqual({ skeleton: 'kil', runs: [1, 3, 2] })
    expect(collapseRepeats('')).toEqual({ skeleton: '', runs: [] })
  })

  it('caps every repeat at two letters for fuzzy matching', () => {
    expect(capRepeats(collapseRepeats('kiiiilllll'))).toBe('kiill')
    expect(capRepeats(collapseRepeats('bass'))).toBe('bass')
  })
})

describe('emoji and runes', () => {
  it('makes each emoji a word of its own, without skin tone or variation selector', () => {
    expect(normalizeWords('girl🍆💦 👍🏽 ❄️')).toEqual(['girl', '🍆', '💦', '👍', '❄'])
  })

  it('reads the SS runes, sowilo and koppa, as one sign', () => {
    expect(normalizeWords('ᛋᛋ ϟϟ ᛊᛊ')).toEqual(['ϟϟ', 'ϟϟ', 'ϟϟ'])
  })
})
