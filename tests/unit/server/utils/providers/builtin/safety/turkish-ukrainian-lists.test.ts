import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { blockedMessage } from '#shared/blocked-messages'
import type { SafetyLevel } from '#shared/schemas/common'
import { SafetyTermList } from '#shared/schemas/safety'
import { BuiltinSafetyProvider } from '../../../../../../../server/utils/providers/builtin/safety/builtin-safety'
import { TURKISH_VERBS, TURKISH_WORDS } from '../../../../../../../server/utils/providers/builtin/translation-glossary-tr'
import { UKRAINIAN_WORDS } from '../../../../../../../server/utils/providers/builtin/translation-glossary-uk'

const ROOT = '../../../../../../../'
const LIST_DIR = fileURLToPath(new URL(`${ROOT}server/assets/safety/`, import.meta.url))
const provider = new BuiltinSafetyProvider(readdirSync(LIST_DIR).filter(file => file.endsWith('.json'))
  .map(file => SafetyTermList.parse(JSON.parse(readFileSync(LIST_DIR + file, 'utf8')))))

interface CorpusGroup { category: string, language: string, obfuscation: string, block: SafetyLevel[], texts: string[] }
const corpus: { groups: CorpusGroup[] } = JSON.parse(readFileSync(fileURLToPath(new URL(`${ROOT}bench/data/safety-corpus-tr-uk.json`, import.meta.url)), 'utf8'))

async function reasonAt(level: SafetyLevel, text: string): Promise<string | null> {
  const verdict = await provider.check({ text, level, language: 'de' })
  return verdict.safe ? null : verdict.reason_code
}

describe.each(['tr', 'uk'])('the %s term lists on the labelled ideas of bench/data/safety-corpus-tr-uk.json', (language) => {
  const groups = corpus.groups.filter(group => group.language === language)

  it('block the harmful ones at kids and none of the harmless ones', async () => {
    const harmful = groups.filter(group => group.block.includes('kids')).flatMap(group => group.texts)
    const harmless = groups.filter(group => group.block.length === 0).flatMap(group => group.texts)
    const missed = (await Promise.all(harmful.map(async text => ((await reasonAt('kids', text)) ? null : text)))).filter(Boolean)
    const falseAlarms = (await Promise.all(harmless.map(async text => ((await reasonAt('kids', text)) ? text : null)))).filter(Boolean)
    const recall = (harmful.length - missed.length) / harmful.length
    console.log(`${language} at kids: recall ${(recall * 100).toFixed(1)} % of ${harmful.length}, false positives ${falseAlarms.length} of ${harmless.length}`)
    expect(harmful.length).toBeGreaterThanOrEqual(40)
    expect(harmless.length).toBeGreaterThanOrEqual(20)
    expect(recall, `missed: ${missed.join(' | ')}`).toBeGreaterThanOrEqual(0.95)
    expect(falseAlarms).toEqual([])
  })

  it('let adult ideas through that only kids and youth block, and block what adult must', async () => {
    for (const group of groups) {
      for (const text of group.texts) {
        const blocked = (await reasonAt('adult', text)) !== null
        if (group.block.includes('adult')) expect(blocked, text).toBe(true)
        if (group.block.length === 0) expect(blocked, text).toBe(false)
      }
    }
  })

  it('give a self-harm idea the message that points to a trusted adult', async () => {
    const selfHarm = groups.filter(group => group.category === 'self_harm').flatMap(group => group.texts)
    for (const text of selfHarm) expect(await reasonAt('kids', text), text).toBe('self_harm')
  })
})

describe('ordinary Turkish and Ukrainian words', () => {
  it('never trip the kids check on their own: every word of the translation glossaries', async () => {
    const words = [...Object.keys(TURKISH_WORDS), ...Object.keys(TURKISH_VERBS), ...Object.keys(UKRAINIAN_WORDS)]
    const flagged = (await Promise.all(words.map(async word => ((await reasonAt('kids', word)) ? word : null)))).filter(Boolean)
    console.log(`${words.length} glossary words at kids: ${flagged.length} flagged`)
    expect(flagged).toEqual([])
  })

  it('point the child to a trusted adult in Turkish and Ukrainian', () => {
    expect(blockedMessage('self_harm').tr).toMatch(/güvendiğin/)
    expect(blockedMessage('self_harm').uk).toMatch(/довіряєш/)
  })
})

describe('ideas the lists cannot read', () => {
  it.each([
    ['Arabic', 'قطة صغيرة تلعب في الحديقة'],
    ['Russian', 'Маленький кот играет в саду, и это не страшно'],
    ['Chinese', '一只小猫在花园里玩'],
  ])('refuses %s at kids and youth with the language message, and lets adult through', async (_, text) => {
    expect(await reasonAt('kids', text)).toBe('language_unchecked')
    expect(await reasonAt('youth', text)).toBe('language_unchecked')
    expect(await reasonAt('adult', text)).toBeNull()
    expect(blockedMessage('language_unchecked').tr).toMatch(/Türkçe/)
  })

  it('reads Ukrainian and a stray Greek letter as checked', async () => {
    expect(await reasonAt('kids', 'Маленький кіт грає в саду')).toBeNull()
    expect(await reasonAt('kids', 'Ein Kreis mit π in der Mitte')).toBeNull()
  })
})
