import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { SafetyLevel } from '#shared/schemas/common'
import { SafetyTermList } from '#shared/schemas/safety'
import { BuiltinSafetyProvider } from '../../../../../../../server/utils/providers/builtin/safety/builtin-safety'

// The misses and false alarms a teacher would not forgive, as found with the shipped lists.
const LIST_DIR = fileURLToPath(new URL('../../../../../../../server/assets/safety/', import.meta.url))
const provider = new BuiltinSafetyProvider(readdirSync(LIST_DIR).filter(file => file.endsWith('.json')).sort()
  .map(file => SafetyTermList.parse(JSON.parse(readFileSync(LIST_DIR + file, 'utf8')))))

async function reasonAt(level: SafetyLevel, text: string): Promise<string | null> {
  const verdict = await provider.check({ text, level, language: 'de' })
  return verdict.safe ? null : verdict.reason_code
}

describe('the shipped lists at kids', () => {
  it.each([
    ['hitlergruß', 'extremism'], ['hitlerjugend', 'extremism'], ['88', 'extremism'], ['HH', 'extremism'], ['1488', 'extremism'],
    ['ss runen', 'extremism'], ['ϟϟ', 'extremism'], ['ᛋᛋ', 'extremism'], ['ein Mann mit 88 Tattoo', 'extremism'], ['卐 flagge', 'extremism'],
    ['juden sind böse', 'hate'], ['schwule sollen sterben', 'hate'], ['gays should die', 'hate'],
    ['soldier shooting kids', 'violence'], ['mann sticht mit messer', 'violence'], ['isis flagge', 'violence'],
    ['ein mädchen ritzt sich die arme', 'self_harm'], ['man hanging himself', 'self_harm'], ['i dont want to live anymore', 'self_harm'],
    ['nakte frau', 'sexual'], ['seggs', 'sexual'], ['🍆💦', 'sexual'],
    ['lena ist fett und hässlich', 'bullying'], ['jake is fat and ugly', 'bullying'],
  ])('block %j (%s)', async (text, reason) => {
    expect(await reasonAt('kids', text)).toBe(reason)
  })

  it.each([
    'water gun', 'bath bomb', 'blood orange', 'naked mole rat', 'Arschbombe', 'killing it on the skateboard',
    'Digga, ein Hund mit Sonnenbrille', 'digga wie krass ist das', '88 Luftballons', 'I am 8', 'mein Opa ist 88 Jahre alt',
    'ein Auto mit HH Kennzeichen', 'ein Nacktmull im Zoo', 'a shooting star', 'a boy without a knife at school',
    'die Geschichte der Juden in Köln', 'zwei schwule Männer heiraten', 'a nerf gun battle', 'Die Blüten am Kirschbaum',
    'eine Hexe auf dem Besen', 'my brother is 8', 'a shot of espresso', 'eine Katze schläft auf dem Sofa',
  ])('let %j through', async (text) => {
    expect(await reasonAt('kids', text)).toBeNull()
  })
})

describe('the message that matters most', () => {
  it('answers a child in distress with the self-harm message, whatever else matched', async () => {
    expect(await reasonAt('kids', 'kms digga alles scheiße')).toBe('self_harm')
    expect(await reasonAt('kids', 'ich will mich umbringen, scheiß nazis')).toBe('self_harm')
  })

  it('ranks sexual before violence and violence before hate', async () => {
    expect(await reasonAt('kids', 'porno mit blut')).toBe('sexual')
    expect(await reasonAt('kids', 'ein Nazi mit einer Pistole')).toBe('violence')
  })
})

describe('sexual content with children', () => {
  it.each(['kids', 'youth', 'adult', 'research'] as const)('is blocked at %s', async (level) => {
    for (const text of ['kinderporno', 'sex mit einem kind', 'naked kids in sexy poses', 'lolicon']) {
      expect(await reasonAt(level, text)).toBe('sexual')
    }
  })

  it('does not block children or nudity alone at research', async () => {
    expect(await reasonAt('research', 'Kinder spielen im Park')).toBeNull()
    expect(await reasonAt('research', 'a nude figure study')).toBeNull()
  })
})
