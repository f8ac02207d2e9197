import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '#shared/schemas/common'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const LOCALES = `${ROOT}locales/`
// Leaders' pages may stay German and English: with Türkçe or Українська chosen they read English (plugins/i18n.ts).
const isLeaderFile = (file: string) => file.startsWith('admin')
const LEADER_LANGUAGES = ['de', 'en'] as const

const filesOf = (language: string) => readdirSync(`${LOCALES}${language}`).filter(file => file.endsWith('.json')).sort()
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

/** Every leaf as "a.b.0.c" → its text. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>()
  if (typeof value === 'string') found.set(path, value)
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [leaf, text] of leaves(child, path ? `${path}.${key}` : key)) found.set(leaf, text)
  }
  return found
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map(match => match[1]))].sort()

describe('the language files', () => {
  const germanFiles = filesOf('de')
  const studentFiles = germanFiles.filter(file => !isLeaderFile(file))

  it('are there for every language, and no language has a file German lacks', () => {
    expect(readdirSync(LOCALES).sort()).toEqual([...LANGUAGES].sort())
    for (const language of LANGUAGES) {
      const files = filesOf(language)
      expect(files.filter(file => !germanFiles.includes(file)), language).toEqual([])
      const expected = LEADER_LANGUAGES.includes(language as 'de' | 'en') ? germanFiles : studentFiles
      expect(files, language).toEqual(expect.arrayContaining(expected))
    }
  })

  it.each(LANGUAGES.flatMap(language => germanFiles
    .filter(file => LEADER_LANGUAGES.includes(language as 'de' | 'en') || !isLeaderFile(file))
    .map(file => [language, file])))('%s/%s has exactly the keys of de, with the same placeholders', (language, file) => {
    const german = leaves(readJson(`${LOCALES}de/${file}`))
    const other = leaves(readJson(`${LOCALES}${language}/${file}`))
    expect([...other.keys()].filter(key => !german.has(key)), 'keys German lacks').toEqual([])
    expect([...german.keys()].filter(key => !other.has(key)), `keys missing in ${language}`).toEqual([])
    for (const [key, text] of other) {
      expect(text.trim(), `${language}/${file}: ${key} is empty`).not.toBe('')
      expect(placeholders(text), `${language}/${file}: ${key}`).toEqual(placeholders(german.get(key)!))
    }
  })
})

/** Objects with a German and an English text are texts a reader sees, except the model's instruction. */
function localizedTexts(value: unknown, path: string, found: Array<{ path: string, text: Record<string, unknown> }>) {
  if (!value || typeof value !== 'object') return found
  const record = value as Record<string, unknown>
  if (typeof record.de === 'string' && typeof record.en === 'string') found.push({ path, text: record })
  else for (const [key, child] of Object.entries(record)) if (key !== 'instruction') localizedTexts(child, `${path}.${key}`, found)
  return found
}

describe.each(['perspectives', 'outputs'])('the %s data files', (folder) => {
  const dir = `${ROOT}server/assets/${folder}/`
  it.each(readdirSync(dir).filter(file => file.endsWith('.json')))('%s has every text in every language', (file) => {
    const texts = localizedTexts(readJson(dir + file), file, [])
    expect(texts.length).toBeGreaterThan(0)
    for (const { path, text } of texts) {
      for (const language of LANGUAGES) expect(typeof text[language] === 'string' && (text[language] as string).trim() !== '', `${path} lacks ${language}`).toBe(true)
    }
  })
})
